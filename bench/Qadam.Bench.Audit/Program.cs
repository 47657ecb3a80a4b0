using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;

// Audited writes per second at C concurrent clients: each write is one business row (a notification) and its audit
// event, committed together, as every use case does. The reference, measured in the same run on the same database:
// the same insert without an audit event (the ceiling). Usage: audit-bench CONNECTION [CLIENTS=32] [SECONDS=10] [RUNS=3]
var inv = CultureInfo.InvariantCulture;
var connection = args[0];
var clients = args.Length > 1 ? int.Parse(args[1], inv) : 32;
var seconds = args.Length > 2 ? double.Parse(args[2], inv) : 10;
var runs = args.Length > 3 ? int.Parse(args[3], inv) : 3;

var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = connection.Contains("Host=", StringComparison.Ordinal) ? "Postgres" : "Sqlite",
    ["Database:ConnectionString"] = connection,
    ["Privacy:ActiveKeyId"] = "b1",
    ["Privacy:Keys:b1"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
    ["Privacy:BlindIndexKey"] = Convert.ToBase64String(Enumerable.Range(50, 32).Select(i => (byte)i).ToArray()),
}).Build();
var services = new ServiceCollection().AddLogging().AddQadamCore(config);
services.AddSingleton<IAccessScopeSource, SystemAccessScope>();
await using var provider = services.BuildServiceProvider();
await QadamServices.MigrateAsync(provider);
Guid org;
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
    var o = new Organisation { Name = "Bench " + Guid.NewGuid().ToString("N")[..6], Kind = OrganisationKind.Ngo, RegionCode = "KZ-75", CreatedAt = DateTimeOffset.UtcNow };
    db.Organisations.Add(o);
    await db.SaveChangesAsync();
    org = o.Id;
}

async Task<double> MeasureAsync(bool audited)
{
    long done = 0;
    var stop = Stopwatch.StartNew();
    var deadline = TimeSpan.FromSeconds(seconds);
    var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var actor = new Actor(Guid.NewGuid(), $"bench{c}", org, "127.0.0.1");
        while (stop.Elapsed < deadline)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
            var n = new Notification { OrganisationId = org, Kind = "bench", Text = "bench", CreatedAt = DateTimeOffset.UtcNow };
            db.Notifications.Add(n);
            if (audited)
                await scope.ServiceProvider.GetRequiredService<AuditLog>().SaveWithAuditAsync(
                    [new AuditEntry(actor, AuditAction.User_Updated, "Notification", n.Id.ToString(), new { bench = true })]);
            else
                await db.SaveChangesAsync();
            Interlocked.Increment(ref done);
        }
    })).ToArray();
    await Task.WhenAll(tasks);
    return done / stop.Elapsed.TotalSeconds;
}

await MeasureAsync(true); // warm-up: connections, JIT, plans
var plain = new List<double>();
var audited = new List<double>();
for (var r = 0; r < runs; r++)
{
    plain.Add(await MeasureAsync(false));
    audited.Add(await MeasureAsync(true));
}
double Median(List<double> xs) { var s = xs.Order().ToList(); return s[s.Count / 2]; }
Console.WriteLine(string.Create(inv, $"{clients} clients, {seconds:0} s per run, median of {runs}:"));
Console.WriteLine(string.Create(inv, $"  audited writes (row + audit event): {Median(audited),8:0} /s"));
Console.WriteLine(string.Create(inv, $"  reference, same row without audit: {Median(plain),8:0} /s"));
Console.WriteLine(string.Create(inv, $"  audited / reference: {Median(audited) / Median(plain):0.00}"));
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
    var (count, broken) = await AuditLog.VerifyAsync(db);
    Console.WriteLine(broken is null ? $"  audit chain verifies: {count} events" : $"  AUDIT CHAIN BROKEN at {broken.Sequence}: {broken.Reason}");
    if (broken is not null) Environment.Exit(1);
}

using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;

// Load on a running Qadam over HTTP (loopback only), beside hand-written SQL on the same database in the same run.
//   search BASE CONNECTION CLIENTS SECONDS      person search by name, Latin spelling, IIN and phone as caseworker1
//                                               (GET /api/v1/people) beside the same lookups as plain SQL on the same indexes
//   create BASES CONNECTION CLIENTS SECONDS ACK audited person creation (POST /api/v1/people) beside the same rows inserted
//                                               with plain SQL; BASES is a comma-separated list: a failed request is retried
//                                               on the next one; acknowledged ids are written to ACK
//   verify CONNECTION ACK                       every acknowledged person is in the database and the audit chain verifies
//   matchrun YOUTH.csv [SHARE] [MENTORS]        the web app's matching job on one run, in process (MatchRunBench.cs)
// The development keys decrypt the sample (the synthetic data set is development and demo only).
var inv = CultureInfo.InvariantCulture;
var mode = args[0];
if (mode == "matchrun") return MatchRunBench.Run(args);
var connection = mode == "verify" ? args[1] : args[2];
var postgres = connection.Contains("Host=", StringComparison.Ordinal);
var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = postgres ? "Postgres" : "Sqlite",
    ["Database:ConnectionString"] = connection,
    ["Privacy:ActiveKeyId"] = "dev1",
    ["Privacy:Keys:dev1"] = "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=",
    ["Privacy:BlindIndexKey"] = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LW5vLXByb2Q=",
}).Build();
var services = new ServiceCollection().AddLogging().AddQadamCore(config);
services.AddSingleton<IAccessScopeSource, SystemAccessScope>();
await using var provider = services.BuildServiceProvider();
const string Email = "caseworker1@demo.qadam.kz", Password = "Demo-2026!";

if (mode == "verify") return await VerifyAsync(args[2]);
var bases = args[1].Split(',', StringSplitOptions.RemoveEmptyEntries);
var clients = int.Parse(args[3], inv);
var seconds = double.Parse(args[4], inv);
// LOAD_WARMUP: seconds of the same load before measuring (default 2–3). A server freshly started runs its first minute of
// load on code that is still being compiled (tiered JIT): measured at 32 clients, server CPU per creation fell from 4.8 ms
// in the first 10 s to 1.2 ms after a minute. A long warm-up measures the server as it runs for days.
double? warmUp = Environment.GetEnvironmentVariable("LOAD_WARMUP") is { Length: > 0 } w ? double.Parse(w, inv) : null;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{ Timeout = TimeSpan.FromSeconds(30) };
var token = await SignInAsync();
http.DefaultRequestHeaders.Authorization = new("Bearer", token);
(Guid org, Guid user) = await CaseWorkerAsync();
return mode switch { "search" => await SearchAsync(), "create" => await CreateAsync(args[5]), _ => Usage() };

int Usage() { Console.Error.WriteLine("usage: search|create|verify … (see Program.cs)"); return 2; }

async Task<string> SignInAsync()
{
    foreach (var b in bases)
        try
        {
            var r = await http.PostAsJsonAsync($"{b}/api/v1/auth/login", new { email = Email, password = Password });
            r.EnsureSuccessStatusCode();
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }
        catch (HttpRequestException) when (b != bases[^1]) { }
    throw new InvalidOperationException("no instance answered the sign-in");
}

async Task<(Guid, Guid)> CaseWorkerAsync()
{
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
    var u = await db.Users.AsNoTracking().SingleAsync(x => x.Email == Email);
    return (u.OrganisationId, u.Id);
}

DbConnection Open()
{
    DbConnection c = postgres ? new NpgsqlConnection(connection) : new SqliteConnection(connection);
    c.Open();
    return c;
}

// SQLite stores a Guid as upper-case text (EF Core's mapping); PostgreSQL as uuid.
object Id(Guid g) => postgres ? g : g.ToString().ToUpperInvariant();

async Task<int> SearchAsync()
{
    // The sample: 200 people of the case worker's organisation, spread over the registry, decrypted as the app does.
    List<Person> sample;
    await using (var scope = provider.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
        var ids = await db.People.Where(p => p.OrganisationId == org && p.MergedIntoId == null).Select(p => p.Id).ToListAsync();
        var rnd = new Random(13);
        var picked = Enumerable.Range(0, 200).Select(_ => ids[rnd.Next(ids.Count)]).Distinct().ToList();
        sample = await db.People.AsNoTracking().Where(p => picked.Contains(p.Id)).ToListAsync();
    }
    var index = provider.GetRequiredService<BlindIndex>();
    var queries = new List<(string Kind, string Text, string Sql, object[] Args)>();
    const string Cols = "p.\"Id\", p.\"GivenName\", p.\"FamilyName\", p.\"Patronymic\", p.\"Sex\", p.\"DateOfBirth\", p.\"RegionCode\", p.\"Locality\", p.\"OrganisationId\", p.\"UpdatedAt\"";
    var scoped = "JOIN \"PersonKeys\" k ON k.\"PersonId\" = p.\"Id\" AND k.\"Kind\" = 1 AND k.\"Principal\" = @org WHERE p.\"MergedIntoId\" IS NULL";
    foreach (var p in sample)
    {
        foreach (var (kind, text) in new[] { ("name", $"{p.GivenName} {p.FamilyName}"), ("latin", $"{NameNormaliser.Latin(p.GivenName)} {NameNormaliser.Latin(p.FamilyName)}") })
        {
            var tokens = index.SearchTokens(text);
            var from = "SELECT t0.\"PersonId\" FROM \"PersonNameTokens\" t0";
            for (var i = 1; i < tokens.Count; i++) from += $" JOIN \"PersonNameTokens\" t{i} ON t{i}.\"PersonId\" = t0.\"PersonId\" AND t{i}.\"Hash\" = @t{i}";
            from += " WHERE t0.\"Hash\" = @t0";
            queries.Add((kind, text, $"SELECT {Cols} FROM ({from}) m JOIN \"People\" p ON p.\"Id\" = m.\"PersonId\" {scoped} ORDER BY p.\"UpdatedAt\" DESC, p.\"Id\" DESC LIMIT 26", [.. tokens]));
        }
        if (p.Iin is { } iin) queries.Add(("iin", iin, $"SELECT {Cols} FROM \"People\" p {scoped} AND p.\"IinHash\" = @t0", [index.Iin(iin)!]));
        if (p.Phone is { } phone) queries.Add(("phone", phone, $"SELECT {Cols} FROM \"People\" p {scoped} AND p.\"PhoneHash\" = @t0", [index.Phone(phone)!]));
    }
    // Interleaved kinds, the same order for both sides.
    queries = [.. queries.OrderBy(q => HashCode.Combine(q.Text.GetHashCode(StringComparison.Ordinal), 7))];
    var kinds = queries.Select(q => q.Kind).Distinct().ToList();

    var found = new ConcurrentDictionary<string, int>();
    async Task<long> AppAsync(int i)
    {
        var q = queries[i % queries.Count];
        var started = Stopwatch.GetTimestamp();
        using var r = await http.GetAsync($"{bases[0]}/api/v1/people?query={Uri.EscapeDataString(q.Text)}");
        r.EnsureSuccessStatusCode();
        var body = await r.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).Ticks;
        // Not parsed (the client shares the two cores with the server): a page with rows starts {"items":[{.
        if (body.AsSpan().IndexOf("\"items\":[{"u8) >= 0) found.AddOrUpdate(q.Kind, 1, (_, n) => n + 1);
        return elapsed;
    }
    Func<int, Task<long>> SqlClient()
    {
        var c = Open();
        return async i =>
        {
            var q = queries[i % queries.Count];
            var started = Stopwatch.GetTimestamp();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = q.Sql;
            Add(cmd, "org", Id(org));
            for (var t = 0; t < q.Args.Length; t++) Add(cmd, "t" + t, q.Args[t]);
            await using var reader = await cmd.ExecuteReaderAsync();
            var row = new object[10];
            while (await reader.ReadAsync()) reader.GetValues(row);
            return Stopwatch.GetElapsedTime(started).Ticks;
        };
    }
    Console.WriteLine(string.Create(inv, $"person search, {clients} clients, {seconds:0} s each side, {queries.Count} queries ({string.Join(", ", kinds.Select(k => $"{queries.Count(q => q.Kind == k)} {k}"))}):"));
    await RunAsync(_ => AppAsync, warmUp ?? 2, "warm-up");
    string KindOf(int i) => queries[i % queries.Count].Kind;
    var app = await RunAsync(_ => AppAsync, seconds, "Qadam (HTTP)", KindOf);
    var sql = await RunAsync(_ => SqlClient(), seconds, "SQL (same index)", KindOf);
    Console.WriteLine(string.Create(inv, $"  p95 ratio Qadam / SQL: {app.P95 / sql.P95:0.0}×   median ratio: {app.Median / sql.Median:0.0}×"));
    // Each kind in the same mixed runs (its latency includes waiting behind the other kinds).
    foreach (var k in kinds)
        if (app.ByKind!.TryGetValue(k, out var a) && sql.ByKind!.TryGetValue(k, out var b))
            Console.WriteLine(string.Create(inv, $"    {k,-6} Qadam median {a.Median,6:0.0} ms p95 {a.P95,6:0.0} ms   SQL median {b.Median,6:0.0} ms p95 {b.P95,6:0.0} ms   ratio p95 {a.P95 / b.P95:0.0}× median {a.Median / b.Median:0.0}×"));
    Console.WriteLine("  queries with a match: " + string.Join(", ", kinds.Select(k => $"{k} {found.GetValueOrDefault(k)}")));
    return 0;
}

async Task<int> CreateAsync(string ackFile)
{
    var acknowledged = new ConcurrentBag<Guid>();
    long failed = 0, retried = 0;
    string[] given = ["Меруерт", "Айгерім", "Дана", "Ерлан", "Нұрлан", "Дмитрий", "Анна", "Асель"], family = ["Сапарова", "Жұмабаева", "Иванова", "Оспанов", "Ким"];
    Func<int, Task<long>> AppClient(int c)
    {
        var rnd = new Random(c);
        var at = c % bases.Length;
        return async _ =>
        {
            var body = new
            {
                givenName = given[rnd.Next(given.Length)], familyName = family[rnd.Next(family.Length)] + "-" + rnd.Next(1_000_000).ToString(inv),
                sex = "female", dateOfBirth = "2003-04-05", phone = "+7701" + rnd.Next(1_000_000, 9_999_999).ToString(inv), regionCode = "KZ-75", locality = "Алматы",
            };
            var started = Stopwatch.GetTimestamp();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var r = await http.PostAsJsonAsync($"{bases[at]}/api/v1/people?allowDuplicates=true", body);
                    if (r.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                        return Stopwatch.GetElapsedTime(started).Ticks;
                    }
                    if ((int)r.StatusCode < 500) throw new InvalidOperationException($"create answered {(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
                // Not acknowledged: the client retries on the next instance (the person may exist twice, never not at all).
                if (attempt == 20) { Interlocked.Increment(ref failed); return Stopwatch.GetElapsedTime(started).Ticks; }
                Interlocked.Increment(ref retried);
                at = (at + 1) % bases.Length;
                await Task.Delay(50);
            }
        };
    }
    // The reference: the same person rows (copied from one the application wrote: same columns, same ciphertext sizes),
    // one INSERT per request at the same concurrency, without tokens, access keys or audit.
    var template = acknowledged.IsEmpty ? Guid.Empty : acknowledged.First();
    Func<int, Task<long>> SqlClient(int c)
    {
        var conn = Open();
        var columns = PersonColumns();
        var sql = $"INSERT INTO \"People\" ({string.Join(", ", columns.Select(x => $"\"{x}\""))}) SELECT @id, {string.Join(", ", columns.Skip(1).Select(x => $"\"{x}\""))} FROM \"People\" WHERE \"Id\" = @template";
        return async _ =>
        {
            var started = Stopwatch.GetTimestamp();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            Add(cmd, "id", Id(Guid.CreateVersion7()));
            Add(cmd, "template", Id(template));
            if (await cmd.ExecuteNonQueryAsync() != 1) throw new InvalidOperationException("the reference insert wrote nothing");
            return Stopwatch.GetElapsedTime(started).Ticks;
        };
    }
    Console.WriteLine(string.Create(inv, $"audited person creation, {clients} clients, {seconds:0} s each side, instances: {string.Join(", ", bases)}"));
    await RunAsync(AppClient, warmUp ?? 3, "warm-up");
    var app = await RunAsync(AppClient, seconds, "Qadam (HTTP, audited)");
    template = acknowledged.First();
    var sqlRun = bases.Length > 1 ? null : await RunAsync(SqlClient, seconds, "SQL (person row only)");
    if (sqlRun is { } s) Console.WriteLine(string.Create(inv, $"  throughput ratio Qadam / SQL: {app.PerSecond / s.PerSecond:0.00}"));
    Console.WriteLine(string.Create(inv, $"  acknowledged {acknowledged.Count} (warm-up included), retried {retried}, given up {failed}"));
    await File.WriteAllLinesAsync(ackFile, acknowledged.Select(g => g.ToString()));
    return failed == 0 ? 0 : 1;
}

List<string> PersonColumns()
{
    using var scope = provider.CreateScope();
    var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
    var type = db.Model.FindEntityType(typeof(Person))!;
    var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table("People");
    var cols = type.GetProperties().Select(p => p.GetColumnName(table)!).Where(c => c != "Id").ToList();
    return ["Id", .. cols];
}

async Task<int> VerifyAsync(string ackFile)
{
    var ids = (await File.ReadAllLinesAsync(ackFile)).Where(l => l.Length > 0).Select(Guid.Parse).ToList();
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
    var present = 0;
    foreach (var chunk in ids.Chunk(1000))
        present += await db.People.IgnoreQueryFilters().CountAsync(p => chunk.Contains(p.Id));
    var (events, broken) = await AuditLog.VerifyAsync(db);
    Console.WriteLine($"  acknowledged people in the database: {present} of {ids.Count}");
    Console.WriteLine(broken is null ? $"  audit chain verifies: {events} events" : $"  AUDIT CHAIN BROKEN at {broken.Sequence}: {broken.Reason}");
    return present == ids.Count && broken is null ? 0 : 1;
}

static void Add(DbCommand cmd, string name, object value)
{
    var p = cmd.CreateParameter();
    p.ParameterName = name;
    p.Value = value;
    cmd.Parameters.Add(p);
}

// Closed loop: each client sends its next request when the last one answered, until the time is up.
// kindOf names the kind of the i-th request (a search's kind); its figures are then kept per kind as well.
async Task<Figures> RunAsync(Func<int, Func<int, Task<long>>> client, double duration, string label, Func<int, string>? kindOf = null)
{
    var latencies = new ConcurrentBag<(int Index, long Ticks)>();
    var cpuBefore = CpuSeconds();
    var clock = Stopwatch.StartNew();
    var deadline = TimeSpan.FromSeconds(duration);
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var send = client(c);
        while (clock.Elapsed < deadline)
        {
            var i = Interlocked.Increment(ref next);
            latencies.Add((i, await send(i)));
        }
    })));
    var elapsed = clock.Elapsed.TotalSeconds;
    var cpuAfter = CpuSeconds();
    var sorted = latencies.Select(l => l.Ticks).Order().ToArray();
    static double Ms(long[] sorted, double q) => TimeSpan.FromTicks(sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))]).TotalMilliseconds;
    var byKind = kindOf is null ? null : latencies.GroupBy(l => kindOf(l.Index)).ToDictionary(g => g.Key, g =>
    {
        var k = g.Select(l => l.Ticks).Order().ToArray();
        return (Median: Ms(k, 0.5), P95: Ms(k, 0.95));
    });
    var f = new Figures(sorted.Length / elapsed, Ms(sorted, 0.5), Ms(sorted, 0.95)) { ByKind = byKind };
    if (label != "warm-up")
    {
        Console.WriteLine(string.Create(inv, $"  {label,-24} {sorted.Length,7} requests {f.PerSecond,8:0} /s   median {f.Median,7:0.0} ms   p95 {f.P95,7:0.0} ms"));
        double PerRequest(int i) => (cpuAfter[i] - cpuBefore[i]) * 1000 / Math.Max(1, sorted.Length);
        Console.WriteLine(string.Create(inv, $"  {"",-24} CPU per request: server {PerRequest(0),5:0.00} ms, PostgreSQL {PerRequest(1),5:0.00} ms, load generator {PerRequest(2),5:0.00} ms; machine busy {(cpuAfter[3] - cpuBefore[3]) / elapsed / Environment.ProcessorCount:P0}"));
    }
    return f;
}

// CPU seconds used so far by: the server(s) named in LOAD_SERVER_PIDS (comma-separated), every postgres process, this
// load generator, and the whole machine (/proc/stat, all cores). Linux only; zeros elsewhere. A backend that exits
// during the run takes its CPU with it (the pools keep theirs open).
static double[] CpuSeconds()
{
    var result = new double[4];
    if (!OperatingSystem.IsLinux()) return result;
    const double Tick = 100; // USER_HZ
    var servers = (Environment.GetEnvironmentVariable("LOAD_SERVER_PIDS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        var pid = Path.GetFileName(dir);
        if (!pid.All(char.IsAsciiDigit)) continue;
        string stat;
        try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
        var close = stat.LastIndexOf(')');
        var comm = stat[(stat.IndexOf('(') + 1)..close];
        var fields = stat[(close + 2)..].Split(' ');
        var seconds = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / Tick;
        if (servers.Contains(pid)) result[0] += seconds;
        else if (comm == "postgres") result[1] += seconds;
    }
    result[2] = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    var total = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    // user nice system (idle iowait excluded) irq softirq steal
    result[3] = new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => double.Parse(total[i], CultureInfo.InvariantCulture)) / Tick;
    return result;
}

internal sealed record Figures(double PerSecond, double Median, double P95)
{
    /// <summary>Median and p95 of each kind of request, when the run was given kinds.</summary>
    public Dictionary<string, (double Median, double P95)>? ByKind { get; init; }
}

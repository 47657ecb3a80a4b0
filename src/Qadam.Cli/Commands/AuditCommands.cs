using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Web.Platform.Auditing;

namespace Qadam.Cli.Commands;

public static class AuditCommands
{
    public static Command Build(Func<Microsoft.Extensions.Hosting.IHost> host, TextWriter output)
    {
        var verify = new Command("verify", "Check the audit trail's hash chain; exit code 1 and the first broken link when it is broken.");
        verify.SetAction(async (_, ct) =>
        {
            using var h = host();
            await using var scope = h.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
            // Events committed but not yet linked (a crash between commit and chaining) are chained first, then all verified.
            await h.Services.GetRequiredService<AuditChainer>().ChainAsync(ct);
            var (count, broken) = await AuditLog.VerifyAsync(db, ct);
            if (broken is not null)
            {
                await output.WriteLineAsync($"BROKEN at event {broken.Sequence}: {broken.Reason} ({count} events before it verified).");
                return 1;
            }
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(Actor.System with { UserName = "qadam-cli" }, AuditAction.Audit_Verified, null, null, new { events = count }, ct);
            await output.WriteLineAsync($"OK: {count} events, chain intact.");
            return 0;
        });
        var audit = new Command("audit", "Audit trail tools.");
        audit.Subcommands.Add(verify);
        return audit;
    }
}

using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qadam.Data;
using Qadam.Privacy;

namespace Qadam.Cli.Commands;

public static class KeyCommands
{
    public static Command Build(Func<Microsoft.Extensions.Hosting.IHost> host, TextWriter output)
    {
        var create = new Command("new", "Print fresh random keys as environment variables for a new installation.");
        create.SetAction(async _ =>
        {
            var id = "k" + DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            await output.WriteLineAsync($"Privacy__ActiveKeyId={id}");
            await output.WriteLineAsync($"Privacy__Keys__{id}={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}");
            await output.WriteLineAsync($"Privacy__BlindIndexKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}");
            return 0;
        });

        var rotate = new Command("rotate", "Re-encrypt every encrypted field with the active key (after adding a new key and making it active).");
        rotate.SetAction(async (_, ct) =>
        {
            using var h = host();
            await using var scope = h.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
            var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
            var total = 0;
            // Loading decrypts with whichever key wrote each value; marking modified writes it back with the active key.
            while (true)
            {
                var batch = await db.People.OrderBy(p => p.Id).Skip(total).Take(500).ToListAsync(ct);
                if (batch.Count == 0) break;
                foreach (var p in batch) db.Entry(p).State = EntityState.Modified;
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                total += batch.Count;
            }
            var consents = await db.Consents.Where(c => c.GuardianName != null).ToListAsync(ct);
            foreach (var c in consents) db.Entry(c).Property(x => x.GuardianName).IsModified = true;
            var grants = await db.BreakGlassGrants.ToListAsync(ct);
            foreach (var g in grants) db.Entry(g).Property(x => x.Reason).IsModified = true;
            var merges = await db.PersonMerges.ToListAsync(ct);
            foreach (var m in merges) db.Entry(m).Property(x => x.Reason).IsModified = true;
            await db.SaveChangesAsync(ct);
            await output.WriteLineAsync($"Re-encrypted {total} people, {consents.Count} consents, {grants.Count} grants, {merges.Count} merges with key '{cipher.ActiveKeyId}'.");
            return 0;
        });

        var keys = new Command("keys", "Encryption keys.");
        keys.Subcommands.Add(create);
        keys.Subcommands.Add(rotate);
        return keys;
    }
}

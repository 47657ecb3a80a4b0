using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Hotline;

/// <summary>
/// The server's copy of an operator's unsaved contact form (the browser keeps one too, for a dropped connection): a
/// closed tab or another device finds the draft again. Only its author reads it; it lasts a day at most and goes when
/// the contact is saved.
/// </summary>
public sealed partial class ContactDrafts(QadamDbContext db, TimeProvider clock, Access access)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private const int MaxLength = 20_000;

    [GeneratedRegex("^contact(-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$")]
    private static partial Regex KeyPattern();

    /// <returns>false when the key or content is not a draft of a contact form.</returns>
    public async Task<bool> SaveAsync(CurrentUser user, string? key, string? content, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ContactsRecord);
        if (key is null || !KeyPattern().IsMatch(key) || content is null || content.Length > MaxLength || !IsArray(content)) return false;
        var now = clock.GetUtcNow();
        var draft = await db.ContactDrafts.FirstOrDefaultAsync(d => d.UserId == user.Id && d.Key == key, ct);
        if (draft is null) db.ContactDrafts.Add(new ContactDraft { UserId = user.Id, Key = key, Content = content, UpdatedAt = now });
        else
        {
            draft.Content = content;
            draft.UpdatedAt = now;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (draft is null)
        {
            return false; // two saves of a new draft at once: the other one landed
        }
        return true;
    }

    public async Task<string?> GetAsync(CurrentUser user, string key, CancellationToken ct)
    {
        if (!user.Can(Permission.ContactsRecord)) return null;
        var since = clock.GetUtcNow() - Lifetime;
        return await db.ContactDrafts.AsNoTracking().Where(d => d.UserId == user.Id && d.Key == key && d.UpdatedAt > since).Select(d => d.Content).FirstOrDefaultAsync(ct);
    }

    public Task DeleteAsync(CurrentUser user, string key, CancellationToken ct) =>
        db.ContactDrafts.Where(d => d.UserId == user.Id && d.Key == key).ExecuteDeleteAsync(ct);

    private static bool IsArray(string content)
    {
        try
        {
            using var doc = JsonDocument.Parse(content);
            return doc.RootElement.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Hotline;

/// <summary>A count; <see cref="Suppressed"/> hides a small cell (the count is then null).</summary>
public sealed record Cell(string Key, int? Count, bool Suppressed);

/// <summary>Counts by one dimension, with the denominator they add up to.</summary>
public sealed record FigureTable(string Dimension, int Denominator, IReadOnlyList<Cell> Cells);

public sealed record WeekRow(string Period, IReadOnlyList<Cell> ByChannel, int Total);

/// <param name="Share">Numerator over denominator; null when the denominator is 0 or the numerator is suppressed.</param>
public sealed record Proportion(int? Numerator, int Denominator, double? Share, bool Suppressed);

public sealed record HotlineFiguresDto(
    string From, string To, string Scope, bool SmallCellsSuppressed, int Contacts, IReadOnlyList<WeekRow> Days, IReadOnlyList<WeekRow> Weeks, IReadOnlyList<FigureTable> Tables,
    Proportion Referred, Proportion ReferralsAccepted, double? MedianHoursToAcceptance, int AcceptedReferrals, int SummariesErased);

/// <summary>
/// Hotline and referral figures (issue #9): completed contacts per week by channel; by category, caller relation, region
/// and sex of the person at risk; the share referred; the share of referrals accepted and the median time to acceptance.
/// A supervisor sees the own organisation's figures in full; a manager sees every organisation, where cells of 1–4 are
/// suppressed (and one more cell when a single suppressed cell could be recovered from the total). Every figure carries
/// its denominator.
/// </summary>
public sealed class HotlineFigures(QadamDbContext db, TimeProvider clock, Access access)
{
    public const int SmallCell = 5;

    public async Task<(HotlineFiguresDto? Figures, FieldErrors Errors)> ComputeAsync(CurrentUser user, string? fromText, string? toText, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.HotlineFigures);
        var errors = new FieldErrors();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = Date(fromText, "from", false, errors) ?? today.AddDays(-7 * 12);
        var to = Date(toText, "to", false, errors) ?? today;
        if (to < from) errors.Add("to", "Validation.EndBeforeStart");
        if (errors.Any) return (null, errors);

        var allOrganisations = !user.IsIn(Roles.Supervisor);
        var org = user.OrganisationId;
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => c.Status == ContactStatus.Completed && c.StartedAt >= start && c.StartedAt < end && (allOrganisations || c.OrganisationId == org))
            .Select(c => new
            {
                c.StartedAt, c.Channel, c.Categories, c.CallerRelation, c.Outcome, AtRiskSex = c.PersonAtRisk.Sex,
                Region = c.PersonAtRisk.RegionCode ?? c.Caller.RegionCode,
            })
            .ToListAsync(ct);
        var referrals = await db.Referrals.AsNoTracking()
            .Where(r => r.SentAt >= start && r.SentAt < end && (allOrganisations || r.FromOrganisationId == org || r.ToOrganisationId == org))
            .Select(r => new { r.Status, r.SentAt, r.AnsweredAt }).ToListAsync(ct);
        var erased = await db.Contacts.AsNoTracking().CountAsync(c => c.SummaryErasedAt != null && (allOrganisations || c.OrganisationId == org), ct);

        var suppress = allOrganisations;
        List<Cell> Cells(IEnumerable<string> keys, IEnumerable<string> order) => Count(keys, order, suppress);
        FigureTable Table(string dimension, IEnumerable<string> keys, IEnumerable<string> order, int denominator) =>
            new(dimension, denominator, Cells(keys, order));

        var channels = Enum.GetValues<ContactChannel>().Select(ContactNames.Of).ToList();
        var weeks = contacts.GroupBy(c => Monday(DateOnly.FromDateTime(c.StartedAt.UtcDateTime))).OrderBy(g => g.Key)
            .Select(g => new WeekRow(Iso(g.Key), Cells(g.Select(c => ContactNames.Of(c.Channel)), channels), g.Count())).ToList();
        // The last fourteen days of the period, day by day.
        var days = contacts.Where(c => DateOnly.FromDateTime(c.StartedAt.UtcDateTime) > to.AddDays(-14))
            .GroupBy(c => DateOnly.FromDateTime(c.StartedAt.UtcDateTime)).OrderBy(g => g.Key)
            .Select(g => new WeekRow(Iso(g.Key), Cells(g.Select(c => ContactNames.Of(c.Channel)), channels), g.Count())).ToList();
        var tops = ContactCategories.All.Where(c => c.Parent is null).Select(c => c.Code).ToList();
        var categoryKeys = contacts.SelectMany(c => c.Categories.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(code => ContactCategories.Find(code) is { } cat ? cat.Parent ?? cat.Code : code).Distinct()).ToList();
        var tables = new List<FigureTable>
        {
            Table("channel", contacts.Select(c => ContactNames.Of(c.Channel)), channels, contacts.Count),
            // A contact may have several categories: the denominator is contacts, the cells may add up to more.
            Table("category", categoryKeys, tops, contacts.Count),
            Table("callerRelation", contacts.Select(c => c.CallerRelation is { } r ? ContactNames.Of(r) : "unknown"),
                Enum.GetValues<CallerRelation>().Select(ContactNames.Of), contacts.Count),
            Table("region", contacts.Select(c => c.Region ?? "unknown"), [], contacts.Count),
            Table("sex", contacts.Select(c => c.AtRiskSex is { } s ? ContactNames.Of(s) : "unknown"), ["female", "male", "unknown"], contacts.Count),
        };

        var referred = contacts.Count(c => c.Outcome == ContactOutcome.Referral);
        var accepted = referrals.Where(r => r.Status is ReferralStatus.Accepted or ReferralStatus.Completed && r.AnsweredAt is not null).ToList();
        var hours = accepted.Select(r => (r.AnsweredAt!.Value - r.SentAt).TotalHours).Order().ToList();
        double? median = hours.Count == 0 ? null : hours.Count % 2 == 1 ? hours[hours.Count / 2] : (hours[hours.Count / 2 - 1] + hours[hours.Count / 2]) / 2;
        return (new HotlineFiguresDto(Iso(from), Iso(to), allOrganisations ? "all" : "organisation", suppress, contacts.Count, days, weeks, tables,
            Share(referred, contacts.Count, suppress), Share(accepted.Count, referrals.Count, suppress),
            suppress && accepted.Count is > 0 and < SmallCell ? null : median is { } m ? Math.Round(m, 1) : null,
            suppress && accepted.Count is > 0 and < SmallCell ? 0 : accepted.Count, erased), errors);
    }

    private static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    /// <summary>
    /// A proportion n of N through the one disclosure control: n and N − n are a row whose total is N, so the share is
    /// hidden when n is small, when those not in it (N − n) are, or when N itself is.
    /// </summary>
    internal static Proportion Share(int n, int of, bool suppress)
    {
        var hidden = false;
        if (suppress && of > 0)
        {
            var row = Qadam.Statistics.Disclosure.Suppress(new long[,] { { n, Math.Max(0, of - n) } }, SmallCell);
            hidden = row[0, 0].Hidden || row.RowTotal(0).Hidden;
        }
        return new(hidden ? null : n, of, hidden || of == 0 ? null : Math.Round((double)n / of, 3), hidden);
    }

    /// <summary>Counts of each key, in the given order and then any other keys met, protected by <see cref="Protect"/>.</summary>
    internal static List<Cell> Count(IEnumerable<string> keys, IEnumerable<string> order, bool suppress)
    {
        var counts = keys.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        return Protect(order.Concat(counts.Keys.Except(order)).Select(k => (k, counts.GetValueOrDefault(k))).ToList(), suppress);
    }

    /// <summary>
    /// Primary suppression of 1–4, then complementary cells so that none follows from the total: the one implementation
    /// (<see cref="Qadam.Statistics.Disclosure"/>) on the column of cells with its total.
    /// </summary>
    internal static List<Cell> Protect(List<(string Key, int Count)> cells, bool suppress)
    {
        if (!suppress || cells.Count == 0) return cells.Select(c => new Cell(c.Key, c.Count, false)).ToList();
        var column = new long[cells.Count, 1];
        for (var i = 0; i < cells.Count; i++) column[i, 0] = cells[i].Count;
        var table = Qadam.Statistics.Disclosure.Suppress(column, SmallCell);
        return cells.Select((c, i) => new Cell(c.Key, table[i, 0].Hidden ? null : c.Count, table[i, 0].Hidden)).ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Privacy;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

/// <summary>
/// Likely duplicates of a record about to be created or edited: same IIN, same normalised name and
/// birth date, or same phone. Only among records the user may already see: telling a user that a
/// person is known to another organisation would itself be a disclosure.
/// </summary>
public static class FindDuplicates
{
    public static async Task<IReadOnlyList<DuplicateCandidate>> HandleAsync(
        ValidPerson v, Guid? excludeId, QadamDbContext db, BlindIndex index, CurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        var iin = index.Iin(v.Iin);
        var phone = index.Phone(v.Phone);
        var nameDob = index.NameAndBirthDate(v.GivenName, v.FamilyName, v.DateOfBirth);
        if (iin is null && phone is null && nameDob is null) return [];
        var matches = await PersonScope.Visible(db, user, now)
            .Where(p => p.MergedIntoId == null && p.Id != excludeId)
            .Where(p => (iin != null && p.IinHash == iin) || (phone != null && p.PhoneHash == phone) || (nameDob != null && p.NameDobHash == nameDob))
            .Take(20).ToListAsync(ct);
        return matches.Select(p => new DuplicateCandidate(PersonSummary.From(p), Reasons(p))).ToList();

        List<string> Reasons(Domain.Person p)
        {
            var reasons = new List<string>();
            if (iin != null && p.IinHash == iin) reasons.Add("sameIin");
            if (nameDob != null && p.NameDobHash == nameDob) reasons.Add("sameNameAndBirthDate");
            if (phone != null && p.PhoneHash == phone) reasons.Add("samePhone");
            return reasons;
        }
    }
}

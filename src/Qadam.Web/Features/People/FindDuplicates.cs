using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Privacy;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

/// <summary>
/// Likely duplicates of a record about to be created or edited: same IIN, same normalised name and
/// birth date, or same phone. Only among records the user may already see: telling a user that a
/// person is known to another organisation would itself be a disclosure.
/// </summary>
public static class FindDuplicates
{
    /// <summary>The duplicate check a user runs before registering someone (same rules as registration).</summary>
    public sealed class Handler(QadamDbContext db, BlindIndex index, TimeProvider clock, Access access)
    {
        public async Task<(IReadOnlyList<DuplicateCandidate>? Candidates, FieldErrors Errors)> HandleAsync(PersonInput input, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.PeopleCreate);
            var (valid, errors) = await PersonValidator.ValidateAsync(input, db, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
            return valid is null ? (null, errors) : (await FindDuplicates.HandleAsync(valid, null, db, index, ct), errors);
        }
    }

    public static async Task<IReadOnlyList<DuplicateCandidate>> HandleAsync(
        ValidPerson v, Guid? excludeId, QadamDbContext db, BlindIndex index, CancellationToken ct)
    {
        var iin = index.Iin(v.Iin);
        var phone = index.Phone(v.Phone);
        var nameDob = index.NameAndBirthDate(v.GivenName, v.FamilyName, v.DateOfBirth);
        if (iin is null && phone is null && nameDob is null) return [];
        var matches = await PersonScope.Visible(db)
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

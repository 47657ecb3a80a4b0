using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Privacy;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

/// <summary>
/// Likely duplicates of a record about to be created or edited: same IIN, same normalised name and
/// birth date, or same phone. Only among records of the user's own organisation (owned or shared with it): telling a
/// user that a person is known to another organisation would itself be a disclosure.
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
        // Among everyone the organisation reaches, so that a narrower role (an operator, a coordinator) does not register a
        // colleague's client twice; records outside the caller's own scope are reported by their reasons only, never named.
        var matches = await db.OrganisationPeople()
            .Where(p => p.MergedIntoId == null && p.Id != excludeId)
            .Where(p => (iin != null && p.IinHash == iin) || (phone != null && p.PhoneHash == phone) || (nameDob != null && p.NameDobHash == nameDob))
            .Take(20).ToListAsync(ct);
        var ids = matches.Select(p => p.Id).ToList();
        var visible = (await PersonScope.Visible(db).Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        return matches.Select(p => visible.Contains(p.Id) ? new DuplicateCandidate(PersonSummary.From(p), Reasons(p))
            : new DuplicateCandidate(null, Reasons(p), InScope: false)).ToList();

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

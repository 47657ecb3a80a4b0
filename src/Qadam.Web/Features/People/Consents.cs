using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

public sealed record ConsentInput(string? Purpose, Guid? TargetOrganisationId, string? GivenBy, string? GuardianName);

public sealed record ConsentDto(Guid Id, Guid PersonId, string Purpose, Guid? TargetOrganisationId, string GivenBy,
    string? GuardianName, DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt, bool Active)
{
    public static ConsentDto From(Consent c) => new(c.Id, c.PersonId, Names.Of(c.Purpose), c.TargetOrganisationId,
        c.GivenBy == ConsentGiver.Guardian ? "guardian" : "person", c.GuardianName, c.GivenAt, c.WithdrawnAt, c.IsActive);
}

public static class Names
{
    public static string Of(ConsentPurpose p) => p switch
    {
        ConsentPurpose.Services => "services",
        ConsentPurpose.SharingWithOrganisation => "sharingWithOrganisation",
        ConsentPurpose.FollowUpContact => "followUpContact",
        ConsentPurpose.AnonymousStatistics => "anonymousStatistics",
        ConsentPurpose.Evaluation => "evaluation",
        _ => p.ToString(),
    };

    public static ConsentPurpose? Purpose(string? s) =>
        Enum.GetValues<ConsentPurpose>().Cast<ConsentPurpose?>().FirstOrDefault(p => string.Equals(Of(p!.Value), s?.Trim(), StringComparison.OrdinalIgnoreCase));
}

public static class GiveConsent
{
    public sealed record Result(bool Found, Consent? Created, FieldErrors Errors);

    /// <summary>Only the owning organisation records consent (never a sharing organisation, never under break-glass).</summary>
    public sealed class Handler(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
    {
        public async Task<Result> HandleAsync(Guid personId, ConsentInput input, CurrentUser user, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            if (await access.OpenAsync(db, user, personId, Permission.ConsentManage, ct) is not var (person, _)) return new(false, null, new FieldErrors());
            var errors = new FieldErrors();
            if (person.IsMerged) return new(true, null, errors.Add("body", "Validation.MergedReadOnly"));
            var purpose = Names.Purpose(input.Purpose);
            if (purpose is null) errors.Add("purpose", string.IsNullOrWhiteSpace(input.Purpose) ? "Validation.Required" : "Validation.ConsentPurpose");
            if (purpose == ConsentPurpose.SharingWithOrganisation)
            {
                if (input.TargetOrganisationId is null) errors.Add("targetOrganisationId", "Validation.Required");
                else if (input.TargetOrganisationId == person.OrganisationId) errors.Add("targetOrganisationId", "Validation.ShareWithOwner");
                else if (!await db.Organisations.AnyAsync(o => o.Id == input.TargetOrganisationId, ct)) errors.Add("targetOrganisationId", "Validation.OrganisationNotFound");
            }
            else if (input.TargetOrganisationId is not null) errors.Add("targetOrganisationId", "Validation.OnlyForSharing");

            var givenBy = input.GivenBy?.Trim().ToLowerInvariant() switch
            {
                null or "" or "person" => ConsentGiver.Person,
                "guardian" => ConsentGiver.Guardian,
                _ => (ConsentGiver)0,
            };
            if (givenBy == 0) errors.Add("givenBy", "Validation.ConsentGiver");
            var minor = person.IsMinorOn(DateOnly.FromDateTime(now.UtcDateTime));
            if (minor && givenBy == ConsentGiver.Person) errors.Add("givenBy", "Validation.MinorNeedsGuardian");
            var guardian = input.GuardianName?.Trim();
            if (givenBy == ConsentGiver.Guardian && string.IsNullOrEmpty(guardian)) errors.Add("guardianName", "Validation.Required");
            if (guardian is { Length: > 200 }) errors.Add("guardianName", "Validation.TooLong");
            if (errors.Any) return new(true, null, errors);

            var consent = new Consent
            {
                PersonId = person.Id, Purpose = purpose!.Value, TargetOrganisationId = input.TargetOrganisationId,
                GivenBy = givenBy, GuardianName = givenBy == ConsentGiver.Guardian ? guardian : null, GivenAt = now, RecordedByUserId = user.Id,
            };
            db.Consents.Add(consent);
            await audit.SaveWithAuditAsync([AuditEntry.About(person, user.Actor, AuditAction.Consent_Given,
                new { consentId = consent.Id, purpose = Names.Of(consent.Purpose), target = consent.TargetOrganisationId, givenBy = consent.GivenBy.ToString() })], ct);
            return new(true, consent, errors);
        }
    }
}

/// <summary>Withdrawal takes effect at once: scope and follow-up lists read only active consents.</summary>
public static class WithdrawConsent
{
    public sealed class Handler(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
    {
        public async Task<Consent?> HandleAsync(Guid personId, Guid consentId, CurrentUser user, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            if (await access.OpenAsync(db, user, personId, Permission.ConsentManage, ct) is not var (person, _)) return null;
            var consent = await db.Consents.FirstOrDefaultAsync(c => c.Id == consentId && c.PersonId == personId, ct);
            if (consent is null) return null;
            consent.Withdraw(user.Id, now);
            await audit.SaveWithAuditAsync([AuditEntry.About(person, user.Actor, AuditAction.Consent_Withdrawn,
                new { consentId = consent.Id, purpose = Names.Of(consent.Purpose), target = consent.TargetOrganisationId })], ct);
            return consent;
        }
    }
}

/// <summary>A person's consents (its own and those of records merged into it); reading them is a read of the record.</summary>
public static class ListConsents
{
    public sealed class Handler(QadamDbContext db, AuditLog audit, Access access)
    {
        public async Task<List<Consent>?> HandleAsync(Guid personId, CurrentUser user, CancellationToken ct)
        {
            if (await access.OpenAsync(db, user, personId, Permission.PeopleRead, ct, q => q.AsNoTracking()) is not var (person, _)) return null;
            var consents = await OfAsync(db, await MergePeople.HistoryIdsAsync(db, personId, ct), ct);
            await audit.RecordAsync(AuditEntry.About(person, user.Actor, AuditAction.Person_Viewed, new { channel = "api", part = "consents" }), ct);
            return consents;
        }
    }

    /// <summary>For the person page, whose read is already authorised and audited by <see cref="GetPerson"/>.</summary>
    public static async Task<List<Consent>> OfAsync(QadamDbContext db, IReadOnlyCollection<Guid> personIds, CancellationToken ct) =>
        await db.Consents.AsNoTracking().Where(c => personIds.Contains(c.PersonId)).OrderByDescending(c => c.GivenAt).ToListAsync(ct);
}

/// <summary>People of my organisation who agreed to be contacted for follow-up (and have not withdrawn).</summary>
public static class FollowUpList
{
    public sealed class Handler(QadamDbContext db, Access access)
    {
        public async Task<List<Person>> HandleAsync(CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.PeopleRead);
            return await Query(db, user).OrderBy(p => p.CreatedAt).Take(200).AsNoTracking().ToListAsync(ct);
        }
    }

    public static IQueryable<Person> Query(QadamDbContext db, CurrentUser user) =>
        PersonScope.Ordinary(db)
            .Where(p => p.MergedIntoId == null && p.OrganisationId == user.OrganisationId)
            .Where(p => db.Consents.Any(c => c.PersonId == p.Id && c.Purpose == ConsentPurpose.FollowUpContact && c.WithdrawnAt == null));
}

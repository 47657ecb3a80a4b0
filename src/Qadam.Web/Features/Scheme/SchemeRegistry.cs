using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Features.Scheme.SchemeRules;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Scheme;

public sealed record MentorDto(Guid Id, string Name, int Capacity, bool TrainingDone, string? TrainedOn);
public sealed record PositionDto(Guid Id, Guid EmployerId, string Title, string? Sector, string? RequiredSkills, int? LocalityId, string? Locality, int Slots,
    decimal MonthlySubsidy, string? StartFrom, string? StartTo, string? Project);
public sealed record EmployerDto(Guid Id, string Name, string Type, string? Sector, string? RegionCode, int? LocalityId, string? Locality, string? ContactPerson,
    string? ContactPhone, IReadOnlyList<MentorDto> Mentors, IReadOnlyList<PositionDto> Positions)
{
    public int MentorCapacity => Mentors.Where(m => m.TrainingDone).Sum(m => m.Capacity);
}
public sealed record ApplicantDto(Guid Id, Guid PersonId, string GivenName, string FamilyName, string Sex, string? DateOfBirth, string AppliedOn, string? Cohort,
    string Education, string? Skills, string? PreferredSectors, string? RegionCode, int? LocalityId, double? MaxTravelKm, string? AvailableFrom, string? Constraints, string Status);

/// <summary>
/// The scheme's registers — employers with their mentors and positions, and applicant profiles of registered
/// people — for the coordinators of the organisation running the scheme. Everything is scoped to that
/// organisation; applicant listings are audited on each person shown.
/// </summary>
public sealed class SchemeRegistry(QadamDbContext db, AuditLog audit, BlindIndex index, TimeProvider clock, Access access)
{
    public IQueryable<Employer> Employers(CurrentUser user) => db.Employers.Where(e => e.OrganisationId == user.OrganisationId);

    public IQueryable<SchemeApplicant> Applicants(CurrentUser user) => db.SchemeApplicants.Where(a => a.OrganisationId == user.OrganisationId);

    public async Task<List<EmployerDto>> ListEmployersAsync(CurrentUser user, string? region, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeRead);
        var q = Employers(user).AsNoTracking().Include(e => e.Mentors).Include(e => e.Positions);
        var list = region is null ? await q.ToListAsync(ct) : await q.Where(e => e.RegionCode == region).ToListAsync(ct);
        return list.OrderBy(e => e.Name, StringComparer.CurrentCulture).Select(ToDto).ToList();
    }

    public async Task<EmployerDto?> GetEmployerAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeRead);
        return await Employers(user).AsNoTracking().Include(e => e.Mentors).Include(e => e.Positions).FirstOrDefaultAsync(e => e.Id == id, ct) is { } e ? ToDto(e) : null;
    }

    public async Task<(Employer? Employer, FieldErrors Errors)> ValidateEmployerAsync(EmployerInput input, CurrentUser user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = Text(input.Name, "name", 300, true, errors);
        var type = Choice<EmployerType>(input.Type, "type", true, errors, "Validation.EmployerType");
        var sector = Sector(input.Sector, "sector", false, errors);
        var locality = await LocalityAsync(input.LocalityId, "localityId", true, errors, ct);
        var detail = Text(input.Locality, "locality", 200, false, errors);
        var contact = Text(input.ContactPerson, "contactPerson", 200, false, errors);
        var phone = Text(input.ContactPhone, "contactPhone", 40, false, errors);
        if (errors.Any) return (null, errors);
        return (new Employer
        {
            OrganisationId = user.OrganisationId, Name = name!, Type = type!.Value, Sector = sector, LocalityId = locality!.Id, RegionCode = locality.RegionCode,
            Locality = detail, ContactPerson = contact, ContactPhone = phone,
        }, errors);
    }

    public async Task<(EmployerDto? Employer, FieldErrors Errors)> CreateEmployerAsync(EmployerInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var (employer, errors) = await ValidateEmployerAsync(input, user, ct);
        if (employer is null) return (null, errors);
        db.Employers.Add(employer);
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Employer_Created, nameof(Employer), employer.Id.ToString())], ct);
        return (ToDto(employer), errors);
    }

    public async Task<(bool Found, MentorDto? Mentor, FieldErrors Errors)> AddMentorAsync(Guid employerId, MentorInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var errors = new FieldErrors();
        if (!await Employers(user).AnyAsync(e => e.Id == employerId, ct)) return (false, null, errors);
        var name = Text(input.Name, "name", 200, true, errors);
        var capacity = Range(input.Capacity ?? 1, "capacity", 1, 10, true, errors);
        var trainedOn = Date(input.TrainedOn, "trainedOn", false, errors);
        if (errors.Any) return (true, null, errors);
        var mentor = new Mentor { EmployerId = employerId, Name = name!, Capacity = capacity!.Value, TrainingDone = input.TrainingDone ?? trainedOn is not null, TrainedOn = trainedOn };
        db.Mentors.Add(mentor);
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Employer_Updated, nameof(Employer), employerId.ToString(), new { mentorAdded = mentor.Id })], ct);
        return (true, ToDto(mentor), errors);
    }

    public async Task<(Position? Position, FieldErrors Errors)> ValidatePositionAsync(Guid employerId, PositionInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var title = Text(input.Title, "title", 300, true, errors);
        var sector = Sector(input.Sector, "sector", true, errors);
        var skills = Skills(input.RequiredSkills, "requiredSkills", errors);
        var locality = await LocalityAsync(input.LocalityId, "localityId", true, errors, ct);
        var detail = Text(input.Locality, "locality", 200, false, errors);
        var slots = Range(input.Slots, "slots", 1, 500, true, errors);
        if (input.MonthlySubsidy is null) errors.Add("monthlySubsidy", "Validation.Required");
        else if (input.MonthlySubsidy < 0 || input.MonthlySubsidy > 10_000_000) errors.Add("monthlySubsidy", "Validation.OutOfRange");
        var from = Date(input.StartFrom, "startFrom", false, errors);
        var to = Date(input.StartTo, "startTo", false, errors);
        if (from is not null && to is not null && to < from) errors.Add("startTo", "Validation.EndBeforeStart");
        var project = Text(input.Project, "project", 100, false, errors);
        if (errors.Any) return (null, errors);
        return (new Position
        {
            EmployerId = employerId, Title = title!, Sector = sector, RequiredSkills = skills, LocalityId = locality!.Id, Locality = detail, Slots = slots!.Value,
            MonthlySubsidy = input.MonthlySubsidy!.Value, StartFrom = from, StartTo = to, Project = project,
        }, errors);
    }

    public async Task<(bool Found, PositionDto? Position, FieldErrors Errors)> AddPositionAsync(Guid employerId, PositionInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        if (!await Employers(user).AnyAsync(e => e.Id == employerId, ct)) return (false, null, new FieldErrors());
        var (position, errors) = await ValidatePositionAsync(employerId, input, ct);
        if (position is null) return (true, null, errors);
        db.Positions.Add(position);
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Employer_Updated, nameof(Employer), employerId.ToString(), new { positionAdded = position.Id })], ct);
        return (true, ToDto(position), errors);
    }

    public async Task<(SchemeApplicant? Applicant, Person? Person, FieldErrors Errors)> ValidateApplicantAsync(ApplicantInput input, Person? person, CurrentUser user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (person is null) errors.Add("personId", input.PersonId is null ? "Validation.Required" : "Validation.PersonNotFound");
        else if (await Applicants(user).AnyAsync(a => a.PersonId == person.Id && a.Status != ApplicantStatus.Withdrawn, ct)) errors.Add("personId", "Validation.AlreadyApplicant");
        var cohort = Text(input.Cohort, "cohort", 100, false, errors);
        var education = Choice<Education>(input.Education, "education", true, errors, "Validation.Education");
        var skills = Skills(input.Skills, "skills", errors);
        var sectors = SectorList(input.PreferredSectors, "preferredSectors", errors);
        var locality = await LocalityAsync(input.LocalityId, "localityId", true, errors, ct);
        if (input.MaxTravelKm is null) errors.Add("maxTravelKm", "Validation.Required");
        else if (input.MaxTravelKm < 0 || input.MaxTravelKm > 2000) errors.Add("maxTravelKm", "Validation.OutOfRange");
        var available = Date(input.AvailableFrom, "availableFrom", false, errors);
        var constraints = Text(input.Constraints, "constraints", 1000, false, errors, multiline: true);
        var applied = Date(input.AppliedOn, "appliedOn", false, errors) ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (errors.Any) return (null, person, errors);
        return (new SchemeApplicant
        {
            OrganisationId = user.OrganisationId, PersonId = person!.Id, AppliedOn = applied, Cohort = cohort, Education = education!.Value, Skills = skills,
            PreferredSectors = sectors, LocalityId = locality!.Id, RegionCode = locality.RegionCode, MaxTravelKm = input.MaxTravelKm, AvailableFrom = available,
            Constraints = constraints,
        }, person, errors);
    }

    public async Task<(ApplicantDto? Applicant, FieldErrors Errors)> CreateApplicantAsync(ApplicantInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        // Enrolment names one person exactly (by id, found by IIN): within the organisation's reach, like FindByIinAsync.
        var person = input.PersonId is { } id
            ? await db.OrganisationPeople().FirstOrDefaultAsync(p => p.Id == id && p.MergedIntoId == null, ct)
            : null;
        var (applicant, _, errors) = await ValidateApplicantAsync(input, person, user, ct);
        if (applicant is null) return (null, errors);
        db.SchemeApplicants.Add(applicant);
        await audit.SaveWithAuditAsync([AuditEntry.About(person!, user.Actor, AuditAction.Applicant_Registered, new { applicant = applicant.Id })], ct);
        return (ToDto(applicant, person!), errors);
    }

    /// <summary>A registered person of the organisation, by IIN; null alike for an unknown IIN and for someone out of reach.</summary>
    public async Task<Person?> FindByIinAsync(string iin, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var hash = index.Iin(iin);
        // By exact IIN among everyone the organisation reaches (not only the coordinator's own registrations): the person
        // is in front of the coordinator, who enrols them; a browse or name search stays within the narrower scope.
        return await db.OrganisationPeople().AsNoTracking().FirstOrDefaultAsync(p => p.IinHash == hash && p.MergedIntoId == null, ct);
    }

    /// <summary>
    /// Applicant profiles with names (coordinators only), newest application first, one keyset page at a time
    /// (<see cref="Keyset"/>): each page is a range of the (organisation, applied on, id) index, never counted; only the
    /// person's columns the list shows are read. The page shown is audited as one event per owning organisation.
    /// </summary>
    public async Task<Page<ApplicantDto>> ListApplicantsAsync(CurrentUser user, string? region, string? cohort, string? after, int? pageSize, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var size = Keyset.PageSize(pageSize);
        var q = Applicants(user).AsNoTracking();
        if (region is not null) q = q.Where(a => a.RegionCode == region);
        if (cohort is not null) q = q.Where(a => a.Cohort == cohort);
        if (Keyset.ParseDay(after) is (var day, var id))
            q = q.Where(a => a.AppliedOn < day || (a.AppliedOn == day && a.Id.CompareTo(id) < 0));
        var rows = await (from a in q
                          join p in db.People.AsNoTracking() on a.PersonId equals p.Id
                          orderby a.AppliedOn descending, a.Id descending
                          select new { a, p.GivenName, p.FamilyName, p.Sex, p.DateOfBirth, p.OrganisationId }).Take(size + 1).ToListAsync(ct);
        var next = Keyset.Cut(rows, size, r => Keyset.Format(r.a.AppliedOn.DayNumber, r.a.Id));
        if (rows.Count > 0)
            await audit.SaveWithAuditAsync(AuditEntry.Listed(rows.Select(r => (r.a.PersonId, r.OrganisationId)), user.Actor, AuditAction.Applicant_Listed, "applicants"), ct);
        return new(rows.Select(r => ToDto(r.a, r.GivenName, r.FamilyName, r.Sex, r.DateOfBirth)).ToList(), next);
    }

    public async Task<List<string>> CohortsAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        return (await Applicants(user).Where(a => a.Cohort != null).Select(a => a.Cohort!).Distinct().ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<Locality?> LocalityAsync(int? id, string field, bool required, FieldErrors errors, CancellationToken ct)
    {
        if (id is null) { if (required) errors.Add(field, "Validation.Required"); return null; }
        var l = await db.Localities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (l is null) errors.Add(field, "Validation.Locality");
        return l;
    }

    public static EmployerDto ToDto(Employer e) => new(e.Id, e.Name, e.Type.ToString(), e.Sector, e.RegionCode, e.LocalityId, e.Locality, e.ContactPerson, e.ContactPhone,
        e.Mentors.Select(ToDto).ToList(), e.Positions.OrderBy(p => p.Title, StringComparer.CurrentCulture).Select(ToDto).ToList());

    public static MentorDto ToDto(Mentor m) => new(m.Id, m.Name, m.Capacity, m.TrainingDone, Iso(m.TrainedOn));

    public static PositionDto ToDto(Position p) => new(p.Id, p.EmployerId, p.Title, p.Sector, p.RequiredSkills, p.LocalityId, p.Locality, p.Slots, p.MonthlySubsidy,
        Iso(p.StartFrom), Iso(p.StartTo), p.Project);

    public static ApplicantDto ToDto(SchemeApplicant a, Person p) => ToDto(a, p.GivenName, p.FamilyName, p.Sex, p.DateOfBirth);

    public static ApplicantDto ToDto(SchemeApplicant a, string givenName, string familyName, Sex sex, DateOnly? dateOfBirth) => new(a.Id, a.PersonId, givenName, familyName,
        sex == Sex.Female ? "female" : "male", Iso(dateOfBirth), Iso(a.AppliedOn)!, a.Cohort, a.Education.ToString(), a.Skills, a.PreferredSectors, a.RegionCode, a.LocalityId, a.MaxTravelKm,
        Iso(a.AvailableFrom), a.Constraints, a.Status.ToString());
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.People;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Activities;

/// <param name="Days">For a multi-day training: how many consecutive days from <paramref name="StartsOn"/>; a session is created for each.</param>
/// <param name="Topics">For a multi-day training: the curriculum topic of each day, in order.</param>
/// <param name="VolunteerPersonId">For a peer outreach event: the trained volunteer who ran it.</param>
public sealed record ActivityInput(string? Kind, string? Title, string? RegionCode, string? Locality, string? StartsOn, string? EndsOn,
    string? Venue = null, int? Days = null, IReadOnlyList<string>? Topics = null, IReadOnlyList<Guid>? FacilitatorIds = null, Guid? VolunteerPersonId = null);
public sealed record SessionInput(string? Date, string? Topic);
public sealed record HeadcountInput(string? Sex, string? AgeBand, int? Count);
public sealed record AttendanceInput(IReadOnlyList<Guid>? PersonIds, IReadOnlyList<HeadcountInput>? Headcounts);

public sealed record SessionDto(Guid Id, string Date, string Topic, int Registered, int Anonymous);
public sealed record ActivityDto(Guid Id, string Kind, string Title, string? RegionCode, string? Locality, string StartsOn, string? EndsOn, IReadOnlyList<SessionDto> Sessions,
    string? Venue = null, IReadOnlyList<Guid>? FacilitatorIds = null, Guid? VolunteerPersonId = null)
{
    public int RegisteredTotal => Sessions.Sum(s => s.Registered);
    public int AnonymousTotal => Sessions.Sum(s => s.Anonymous);
}
public sealed record HeadcountDto(string Sex, string AgeBand, int Count);
public sealed record AttendanceDto(IReadOnlyList<PersonSummary> People, IReadOnlyList<HeadcountDto> Headcounts);

/// <summary>
/// Group activities of the user's organisation (trainings, support groups, seminars), their sessions and
/// attendance. Attending a support group is itself sensitive: attendees can only be people the recorder may
/// see, and every listing of who attended is audited on each person's record.
/// </summary>
public sealed class ManageActivities(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
{
    public IQueryable<GroupActivity> Visible(CurrentUser user) => db.GroupActivities.Where(a => a.OrganisationId == user.OrganisationId);

    public async Task<List<ActivityDto>> ListAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ActivitiesRead);
        return (await WithSessions(user).OrderByDescending(a => a.StartsOn).Take(500).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<ActivityDto?> GetAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ActivitiesRead);
        return await WithSessions(user).FirstOrDefaultAsync(a => a.Id == id, ct) is { } a ? ToDto(a) : null;
    }

    private IQueryable<GroupActivity> WithSessions(CurrentUser user) =>
        Visible(user).AsNoTracking().Include(a => a.Facilitators).Include(a => a.Sessions).ThenInclude(s => s.Attendees).Include(a => a.Sessions).ThenInclude(s => s.Headcounts).AsSplitQuery();

    public async Task<(ActivityDto? Activity, FieldErrors Errors)> CreateAsync(ActivityInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ActivitiesManage);
        var errors = new FieldErrors();
        var kind = Enum.TryParse<ActivityKind>(input.Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : (ActivityKind?)null;
        if (kind is null) errors.Add("kind", string.IsNullOrWhiteSpace(input.Kind) ? "Validation.Required" : "Validation.ActivityKind");
        if (string.IsNullOrWhiteSpace(input.Title)) errors.Add("title", "Validation.Required");
        else if (input.Title.Length > 300) errors.Add("title", "Validation.TooLong");
        var starts = Date(input.StartsOn, "startsOn", required: true, errors);
        var ends = Date(input.EndsOn, "endsOn", required: false, errors);
        if (starts is not null && ends is not null && ends < starts) errors.Add("endsOn", "Validation.EndBeforeStart");
        var region = string.IsNullOrWhiteSpace(input.RegionCode) ? null : input.RegionCode.Trim().ToUpperInvariant();
        if (region is not null && !await db.Regions.AnyAsync(r => r.Code == region, ct)) errors.Add("regionCode", "Validation.Region");
        if (input.Locality is { Length: > 200 }) errors.Add("locality", "Validation.TooLong");
        var venue = Text(input.Venue, "venue", 200, required: false, errors);
        var topics = (input.Topics ?? []).Select((t, i) => Text(t, $"topics[{i}]", 300, required: false, errors)).ToList();
        if (kind == ActivityKind.MultiDayTraining)
        {
            // A run of consecutive days, created at once: the end date follows from the number of days.
            if (Range(input.Days, "days", 2, 30, required: true, errors) is { } days && starts is { } first)
            {
                ends = first.AddDays(days - 1);
                if (input.EndsOn is not null && Date(input.EndsOn, "endsOn", false, new FieldErrors()) != ends) errors.Add("endsOn", "Validation.DaysAndEnd");
                if (topics.Count > days) errors.Add("topics", "Validation.TooMany");
            }
        }
        var facilitatorIds = (input.FacilitatorIds ?? []).Distinct().ToList();
        var facilitators = await Facilitators(db, user.OrganisationId).Where(u => facilitatorIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        for (var i = 0; i < facilitatorIds.Count; i++)
            if (!facilitators.Contains(facilitatorIds[i])) errors.Add($"facilitatorIds[{i}]", "Validation.NotAColleague");
        if (kind == ActivityKind.PeerOutreach)
        {
            if (input.VolunteerPersonId is not { } vid) errors.Add("volunteerPersonId", "Validation.Required");
            else if (!await Volunteers.Trained(db, user).AnyAsync(p => p == vid, ct)) errors.Add("volunteerPersonId", "Validation.NotAVolunteer");
        }
        else if (input.VolunteerPersonId is not null) errors.Add("volunteerPersonId", "Validation.OnlyForOutreach");
        if (errors.Any) return (null, errors);
        var activity = new GroupActivity
        {
            OrganisationId = user.OrganisationId, Kind = kind!.Value, Title = input.Title!.Trim(), RegionCode = region, Locality = input.Locality?.Trim(),
            StartsOn = starts!.Value, EndsOn = ends, CreatedByUserId = user.Id, CreatedAt = clock.GetUtcNow(), Venue = venue,
            VolunteerPersonId = kind == ActivityKind.PeerOutreach ? input.VolunteerPersonId : null,
        };
        activity.Facilitators.AddRange(facilitators.Select(f => new ActivityFacilitator { ActivityId = activity.Id, UserId = f }));
        if (kind == ActivityKind.MultiDayTraining)
            for (var d = 0; d <= ends!.Value.DayNumber - starts.Value.DayNumber; d++)
                activity.AddSession(starts.Value.AddDays(d), topics.ElementAtOrDefault(d) ?? $"{activity.Title} · {d + 1}");
        db.GroupActivities.Add(activity);
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Activity_Created, "Activity", activity.Id.ToString(), new { kind = activity.Kind.ToString() })], ct);
        return (ToDto(activity), errors);
    }

    public async Task<(bool Found, SessionDto? Session, FieldErrors Errors)> AddSessionAsync(Guid activityId, SessionInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ActivitiesManage);
        var errors = new FieldErrors();
        var activity = await Visible(user).Include(a => a.Sessions).FirstOrDefaultAsync(a => a.Id == activityId, ct);
        if (activity is null) return (false, null, errors);
        var date = Date(input.Date, "date", required: true, errors);
        if (date is not null && (date < activity.StartsOn || (activity.EndsOn is { } end && date > end))) errors.Add("date", "Validation.SessionOutsideDates");
        if (string.IsNullOrWhiteSpace(input.Topic)) errors.Add("topic", "Validation.Required");
        else if (input.Topic.Length > 300) errors.Add("topic", "Validation.TooLong");
        if (errors.Any) return (true, null, errors);
        var session = activity.AddSession(date!.Value, input.Topic!.Trim());
        db.ActivitySessions.Add(session);
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Session_Added, "Activity", activityId.ToString(), new { session = session.Id })], ct);
        return (true, new SessionDto(session.Id, Iso(session.Date), session.Topic, 0, 0), errors);
    }

    /// <summary>Replaces a session's attendance (registered people and anonymous head-counts).</summary>
    public async Task<(bool Found, FieldErrors Errors)> RecordAttendanceAsync(Guid activityId, Guid sessionId, AttendanceInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ActivitiesManage);
        var errors = new FieldErrors();
        var session = await db.ActivitySessions.Include(s => s.Attendees).Include(s => s.Headcounts)
            .FirstOrDefaultAsync(s => s.Id == sessionId && s.ActivityId == activityId && Visible(user).Any(a => a.Id == activityId), ct);
        if (session is null) return (false, errors);
        var ids = input.PersonIds ?? [];
        if (ids.Count > 500) errors.Add("personIds", "Validation.TooLong");
        var visible = await PersonScope.Ordinary(db)
            .Where(p => ids.Contains(p.Id) && p.MergedIntoId == null).AsNoTracking().ToListAsync(ct);
        for (var i = 0; i < ids.Count; i++)
            // Out of scope and non-existent look the same: the error must not reveal that someone exists.
            if (visible.All(p => p.Id != ids[i])) errors.Add($"personIds[{i}]", "Validation.PersonNotFound");
        var counts = new List<SessionHeadcount>();
        var headcounts = input.Headcounts ?? [];
        for (var i = 0; i < headcounts.Count; i++)
        {
            var h = headcounts[i];
            Sex? sex = h.Sex?.ToLowerInvariant() switch { "female" => Sex.Female, "male" => Sex.Male, _ => null };
            var band = Enum.TryParse<AgeBand>(h.AgeBand, ignoreCase: true, out var b) && Enum.IsDefined(b) ? b : (AgeBand?)null;
            if (sex is null) errors.Add($"headcounts[{i}].sex", "Validation.Sex");
            if (band is null) errors.Add($"headcounts[{i}].ageBand", "Validation.AgeBand");
            if (h.Count is null or < 0 or > 10_000) errors.Add($"headcounts[{i}].count", "Validation.Count");
            if (sex is not null && band is not null && h.Count is > 0)
            {
                if (counts.Any(c => c.Sex == sex && c.AgeBand == band)) errors.Add($"headcounts[{i}]", "Validation.DuplicateHeadcount");
                else counts.Add(new SessionHeadcount { SessionId = session.Id, Sex = sex.Value, AgeBand = band.Value, Count = h.Count.Value });
            }
        }
        if (errors.Any) return (true, errors);
        db.SessionAttendances.RemoveRange(session.Attendees);
        db.SessionHeadcounts.RemoveRange(session.Headcounts);
        db.SessionAttendances.AddRange(ids.Distinct().Select(id => new SessionAttendance { SessionId = session.Id, PersonId = id }));
        db.SessionHeadcounts.AddRange(counts);
        var entries = visible.Select(p => AuditEntry.About(p, user.Actor, AuditAction.Attendance_Recorded, new { activity = activityId, session = sessionId })).ToList();
        entries.Add(new(user.Actor, AuditAction.Attendance_Recorded, "Activity", activityId.ToString(), new { session = sessionId, registered = ids.Count, anonymous = counts.Sum(c => c.Count) }));
        await audit.SaveWithAuditAsync(entries, ct);
        return (true, errors);
    }

    /// <summary>Who attended (only people the reader may see) and the head-counts; each person shown is an audited read.</summary>
    public async Task<AttendanceDto?> AttendanceAsync(Guid activityId, Guid sessionId, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ActivitiesRead);
        var session = await db.ActivitySessions.AsNoTracking().Include(s => s.Attendees).Include(s => s.Headcounts)
            .FirstOrDefaultAsync(s => s.Id == sessionId && s.ActivityId == activityId && Visible(user).Any(a => a.Id == activityId), ct);
        if (session is null) return null;
        var ids = session.Attendees.Select(a => a.PersonId).ToList();
        var people = user.Can(Permission.PeopleRead)
            ? await PersonScope.Ordinary(db).Where(p => ids.Contains(p.Id)).AsNoTracking().ToListAsync(ct)
            : [];
        if (people.Count > 0)
            await audit.SaveWithAuditAsync(AuditEntry.Listed(people, user.Actor, AuditAction.Attendance_Viewed, "attendance", sessionId), ct);
        return new AttendanceDto(people.OrderBy(p => p.FamilyName, StringComparer.CurrentCulture).Select(PersonSummary.From).ToList(),
            session.Headcounts.OrderBy(h => h.Sex).ThenBy(h => h.AgeBand).Select(h => new HeadcountDto(h.Sex == Sex.Female ? "female" : "male", h.AgeBand.ToString(), h.Count)).ToList());
    }

    private static ActivityDto ToDto(GroupActivity a) => new(a.Id, a.Kind.ToString(), a.Title, a.RegionCode, a.Locality, Iso(a.StartsOn), a.EndsOn is { } e ? Iso(e) : null,
        a.Sessions.OrderBy(s => s.Date).Select(s => new SessionDto(s.Id, Iso(s.Date), s.Topic, s.Attendees.Count, s.Headcounts.Sum(h => h.Count))).ToList(),
        a.Venue, a.Facilitators.Select(f => f.UserId).ToList(), a.VolunteerPersonId);

    /// <summary>Who may facilitate a group: the organisation's active staff who work with people (not service or employer accounts).</summary>
    public static IQueryable<AppUser> Facilitators(QadamDbContext db, Guid organisationId)
    {
        string[] roles = [Roles.CaseWorker, Roles.Psychologist, Roles.Supervisor, Roles.Coordinator, Roles.Operator];
        return db.Users.Where(u => u.OrganisationId == organisationId && u.IsActive
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))));
    }

    /// <summary>The people who attended earlier sessions of the activity by name (a weekly group's members), for the attendance form.</summary>
    public async Task<List<PersonSummary>> MembersAsync(Guid activityId, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ActivitiesManage);
        var ids = await db.SessionAttendances.Where(a => db.ActivitySessions.Any(s => s.Id == a.SessionId && s.ActivityId == activityId && Visible(user).Any(x => x.Id == activityId)))
            .Select(a => a.PersonId).Distinct().ToListAsync(ct);
        var people = await PersonScope.Ordinary(db).AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        if (people.Count > 0) await audit.SaveWithAuditAsync(AuditEntry.Listed(people, user.Actor, AuditAction.Attendance_Viewed, "members", activityId), ct);
        return people.OrderBy(p => p.FamilyName, StringComparer.CurrentCulture).Select(PersonSummary.From).ToList();
    }
}

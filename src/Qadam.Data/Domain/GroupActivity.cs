namespace Qadam.Domain;

/// <summary>SupportGroup is the weekly support group; MultiDayTraining a run of consecutive days (e.g. five-day MHPSS
/// training); VolunteerTraining trains volunteers (its named attendees are the volunteers); PeerOutreach an event a
/// volunteer ran with peers (counted by sex and age band).</summary>
public enum ActivityKind { Training = 1, SupportGroup = 2, Seminar = 3, GroupSession = 4, MultiDayTraining = 5, VolunteerTraining = 6, PeerOutreach = 7 }

public enum AgeBand { Under15 = 1, From15To17 = 2, From18To24 = 3, From25To29 = 4, From30 = 5 }

/// <summary>
/// A group activity of an organisation (apprenticeship training, weekly support group for victims of destructive
/// sects, five-day MHPSS training, volunteer seminar) with its sessions. One model for every feature that runs groups.
/// </summary>
public sealed class GroupActivity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public ActivityKind Kind { get; set; }
    public required string Title { get; set; }
    public string? RegionCode { get; set; }
    public string? Locality { get; set; }
    public string? Venue { get; set; }
    /// <summary>For a peer outreach event: the volunteer (a registered person) who ran it.</summary>
    public Guid? VolunteerPersonId { get; set; }
    public List<ActivityFacilitator> Facilitators { get; init; } = [];
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public Guid CreatedByUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<ActivitySession> Sessions { get; init; } = [];

    public ActivitySession AddSession(DateOnly date, string topic)
    {
        if (date < StartsOn || (EndsOn is { } end && date > end))
            throw new DomainException("activity.session_outside_dates", "The session date is outside the activity's dates.");
        var session = new ActivitySession { ActivityId = Id, Date = date, Topic = topic };
        Sessions.Add(session);
        return session;
    }
}

public sealed class ActivitySession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ActivityId { get; init; }
    public DateOnly Date { get; set; }
    public required string Topic { get; set; }
    public List<SessionAttendance> Attendees { get; init; } = [];
    public List<SessionHeadcount> Headcounts { get; init; } = [];
}

/// <summary>A registered person who attended (only people in the recorder's scope can be recorded).</summary>
public sealed class SessionAttendance
{
    public Guid SessionId { get; init; }
    public Guid PersonId { get; init; }
}

/// <summary>Anonymous attendance: how many people of a sex and age band came, without knowing who.</summary>
public sealed class SessionHeadcount
{
    public Guid SessionId { get; init; }
    public Sex Sex { get; init; }
    public AgeBand AgeBand { get; init; }
    public int Count { get; set; }
}

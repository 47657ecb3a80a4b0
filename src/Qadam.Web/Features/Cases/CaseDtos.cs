using Qadam.Domain;
using Qadam.Web.Features.Hotline;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Cases;

public sealed record OpenCaseInput(Guid? PersonId, Guid? ContactId, Guid? ReferralId, Guid[]? WorkerIds);
public sealed record CaseStatusInput(string? Status, string? ClosureReason);
public sealed record CaseGoalInput(string? Text, string? Status);
public sealed record CaseServiceInput(string? Type, string? DeliveredOn, string? Notes);
public sealed record CaseTaskInput(string? Kind, string? Title, string? DueOn, Guid? AssignedToUserId);
public sealed record CaseWorkerInput(Guid? UserId);

public sealed record CaseWorkerDto(Guid UserId, string Name, string AssignedAt);
public sealed record CaseGoalDto(Guid Id, string Text, string Status);
public sealed record CaseServiceDto(Guid Id, string Type, string DeliveredOn, Guid ProviderOrganisationId, string? Notes);
public sealed record CaseTaskDto(Guid Id, string Kind, string Title, string DueOn, Guid? AssignedToUserId, bool Done, bool Overdue);
public sealed record CaseHistoryDto(string At, string User, string Field, string? From, string? To);

public sealed record CaseDto(
    Guid Id, Guid OrganisationId, string Organisation, bool Owned, Guid PersonId, string PersonName, Guid? ContactId, Guid? ReferralId,
    string Status, string? ClosureReason, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, int Version,
    IReadOnlyList<CaseWorkerDto> Workers, IReadOnlyList<CaseGoalDto> Goals, IReadOnlyList<CaseServiceDto> Services,
    IReadOnlyList<CaseTaskDto> Tasks, IReadOnlyList<CaseHistoryDto> History, IReadOnlyList<ReferralDto> Referrals);

public sealed record CaseRow(Guid Id, string PersonName, string Organisation, bool Owned, string Status, DateTimeOffset OpenedAt, int OpenTasks, int OverdueTasks);

public sealed record ReferralInput(Guid? CaseId, Guid? ToOrganisationId, string? Reason);
public sealed record ReferralReasonInput(string? Reason);

public sealed record ReferralDto(
    Guid Id, string Kind, Guid CaseId, Guid FromOrganisationId, string FromOrganisation, Guid ToOrganisationId, string ToOrganisation,
    string Reason, string Status, DateTimeOffset SentAt, DateTimeOffset DueAt, bool Overdue, DateTimeOffset? AnsweredAt, string? ClosingReason,
    Guid? PersonId, string? PersonName)
{
    public static ReferralDto From(Referral r, string from, string to, DateTimeOffset now, string? personName) => new(
        r.Id, ContactNames.Of(r.Kind), r.CaseId, r.FromOrganisationId, from, r.ToOrganisationId, to, r.Reason, ContactNames.Of(r.Status),
        r.SentAt, r.DueAt, r.Status == ReferralStatus.Sent && r.DueAt < now, r.AnsweredAt, r.ClosingReason,
        personName is null ? null : r.PersonId, personName);
}

public static class CaseNames
{
    public static string Person(Person p) => (p.GivenName + " " + p.FamilyName).Trim();

    public static CaseTaskDto Task(CaseTask t, DateOnly today) =>
        new(t.Id, ContactNames.Of(t.Kind), t.Title, Iso(t.DueOn), t.AssignedToUserId, t.DoneAt is not null, t.DoneAt is null && t.DueOn < today);
}

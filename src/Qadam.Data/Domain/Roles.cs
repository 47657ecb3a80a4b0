namespace Qadam.Domain;

/// <summary>The roles of DESIGN.md. Names are stable identifiers (they appear in demo logins and tokens).</summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string CaseWorker = "caseworker";
    public const string Psychologist = "psychologist";
    public const string Supervisor = "supervisor";
    public const string Coordinator = "coordinator";
    public const string Employer = "employer";
    public const string MeOfficer = "meofficer";
    public const string Manager = "manager";
    public const string Liaison = "liaison";
    public const string OrgAdmin = "orgadmin";
    /// <summary>An organisation's telephony system: opens a contact skeleton when a call starts, reads nothing.</summary>
    public const string Telephony = "telephony";

    public static readonly IReadOnlyList<string> All =
        [Operator, CaseWorker, Psychologist, Supervisor, Coordinator, Employer, MeOfficer, Manager, Liaison, OrgAdmin, Telephony];
}

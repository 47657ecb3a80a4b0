using Qadam.Domain;
using static Qadam.Domain.Roles;

namespace Qadam.Web.Platform.Security;

public enum Permission
{
    PeopleSearch, PeopleRead, PeopleIdentifiers, PeopleCreate, PeopleUpdate, PeopleMerge, ConsentManage,
    BreakGlass, AuditRead, UsersManage, ReferenceRead, EvaluationManage, ActivitiesRead, ActivitiesManage,
    SchemeRead, SchemeManage, SchemeFigures, ApprenticesOwn, CheckInRecord, ContactsRecord, ContactsRead, CallersFlag,
    ContactSkeletons, CasesRead, CasesOpen, CasesWork, CasesManage, ReferralsRead, ReferralsSend, ReferralsAnswer, DirectoryManage, HotlineFigures, InstrumentsScore,
    ConsultationsRead, ConsultationsRecord, ClinicalNotesRead, MeasurementsRecord, SafetyAlerts, PsychosocialFigures, SurveysRead, SurveysManage, SurveyResponsesRecord, TranslationsManage,
    ReportsRead, ProjectsManage, IndicatorValuesEnter,
}

/// <summary>
/// What each role may do (deny by default). Scope — which records — is decided separately by
/// <see cref="PersonScope"/> and the resource handlers; use cases ask <see cref="Access"/>, which consults both.
/// </summary>
public static class Permissions
{
    private static readonly Dictionary<Permission, string[]> Matrix = new()
    {
        [Permission.PeopleSearch] = [Operator, CaseWorker, Psychologist, Supervisor, Coordinator, Manager],
        [Permission.PeopleRead] = [Operator, CaseWorker, Psychologist, Supervisor, Coordinator, Manager],
        // IIN, phone, address and notes; managers see records without them.
        [Permission.PeopleIdentifiers] = [Operator, CaseWorker, Psychologist, Supervisor, Coordinator],
        [Permission.PeopleCreate] = [Operator, CaseWorker, Psychologist, Coordinator],
        [Permission.PeopleUpdate] = [CaseWorker, Psychologist, Supervisor, Coordinator],
        [Permission.PeopleMerge] = [CaseWorker, Supervisor],
        // Operators take a caller's consent on the line (to services, to sharing with the organisation they refer to).
        [Permission.ConsentManage] = [Operator, CaseWorker, Psychologist, Supervisor, Coordinator],
        [Permission.BreakGlass] = [CaseWorker, Psychologist, Supervisor],
        [Permission.AuditRead] = [Supervisor, Manager, OrgAdmin],
        [Permission.UsersManage] = [OrgAdmin],
        [Permission.ReferenceRead] = [.. All],
        [Permission.EvaluationManage] = [MeOfficer],
        [Permission.ActivitiesRead] = [CaseWorker, Psychologist, Supervisor, Coordinator, Manager],
        [Permission.ActivitiesManage] = [CaseWorker, Psychologist, Supervisor, Coordinator],
        [Permission.SchemeRead] = [Coordinator, Manager],
        [Permission.SchemeManage] = [Coordinator],
        [Permission.SchemeFigures] = [Coordinator, Manager, MeOfficer, Liaison],
        [Permission.ApprenticesOwn] = [Roles.Employer],
        [Permission.CheckInRecord] = [Coordinator, Roles.Employer],
        // Hotline contacts: who answers the line records them; supervisors read their organisation's, the others their own.
        [Permission.ContactsRecord] = [Operator, CaseWorker, Psychologist, Supervisor],
        [Permission.ContactsRead] = [Operator, CaseWorker, Psychologist, Supervisor],
        [Permission.CallersFlag] = [Supervisor],
        // POST /contacts: people who answer the line, and the telephony account, which may only open skeletons.
        [Permission.ContactSkeletons] = [Operator, CaseWorker, Psychologist, Supervisor, Telephony],
        // Cases: case workers and supervisors work the organisation's; operators the ones they opened from a call (to refer
        // them on); psychologists the ones they are assigned to (services, tasks, plan), never status or assignment.
        [Permission.CasesRead] = [Operator, CaseWorker, Psychologist, Supervisor],
        [Permission.CasesOpen] = [Operator, CaseWorker, Supervisor],
        [Permission.CasesWork] = [CaseWorker, Psychologist, Supervisor],
        [Permission.CasesManage] = [CaseWorker, Supervisor],
        [Permission.ReferralsRead] = [Operator, CaseWorker, Supervisor],
        [Permission.ReferralsSend] = [Operator, CaseWorker, Supervisor],
        [Permission.ReferralsAnswer] = [CaseWorker, Supervisor],
        [Permission.DirectoryManage] = [Supervisor, OrgAdmin],
        [Permission.HotlineFigures] = [Supervisor, Manager],
        // Scoring stores nothing and reads nobody: those who administer instruments, and M&E officers checking data.
        [Permission.InstrumentsScore] = [Psychologist, CaseWorker, Supervisor, MeOfficer],
        // Psychosocial support: psychologists their own clients; supervisors (the clinical supervisors) the organisation's.
        [Permission.ConsultationsRead] = [Psychologist, Supervisor],
        [Permission.ConsultationsRecord] = [Psychologist],
        // Anyone signed in may ask for a note; the use case answers 404 unless they wrote it, supervise its author's
        // organisation, or hold a break-glass grant on the person (so a note's existence is never revealed).
        [Permission.ClinicalNotesRead] = [.. All],
        [Permission.MeasurementsRecord] = [Psychologist],
        [Permission.SafetyAlerts] = [Psychologist, Supervisor],
        [Permission.PsychosocialFigures] = [Supervisor, Manager, MeOfficer],
        [Permission.SurveysRead] = [Psychologist, CaseWorker, Supervisor, MeOfficer],
        [Permission.SurveysManage] = [Supervisor, MeOfficer],
        [Permission.SurveyResponsesRecord] = [Psychologist, CaseWorker],
        [Permission.TranslationsManage] = [Supervisor, OrgAdmin],
        // Reporting: managers run their projects; M&E officers own indicators; liaisons and donors read shared aggregates.
        [Permission.ReportsRead] = [Manager, MeOfficer, Liaison],
        [Permission.ProjectsManage] = [Manager],
        [Permission.IndicatorValuesEnter] = [Manager, MeOfficer],
    };

    public static IReadOnlyList<string> RolesFor(Permission permission) => Matrix[permission];

    public static bool Allows(IEnumerable<string> roles, Permission permission) => roles.Any(Matrix[permission].Contains);

    public static string Policy(Permission permission) => "perm:" + permission;

    public static void AddPolicies(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        foreach (var (permission, roles) in Matrix)
            options.AddPolicy(Policy(permission), p => p.RequireAuthenticatedUser().RequireRole(roles));
    }
}

using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.Privacy;

namespace Qadam.Data;

public sealed class QadamDbContext(DbContextOptions<QadamDbContext> options, FieldCipher cipher,
    IAccessScopeSource? scopeSource = null, TimeProvider? clock = null)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    internal FieldCipher Cipher => cipher;
    private AccessScope? fixedScope;
    private int fixedScopeLease;

    /// <summary>The scope the person filter applies: the caller's, unless a job bound one with <see cref="UseScope"/> for this lease.</summary>
    public AccessScope Scope => (fixedScope is not null && fixedScopeLease == ContextId.Lease ? fixedScope : null) ?? scopeSource?.Current ?? AccessScope.None;

    /// <summary>
    /// Binds this context to a scope until it is disposed (background jobs and the CLI bind <see cref="AccessScope.System"/>).
    /// The binding names the pool's lease, so an instance handed to the next request never carries it.
    /// </summary>
    public QadamDbContext UseScope(AccessScope scope)
    {
        fixedScope = scope;
        fixedScopeLease = ContextId.Lease;
        return this;
    }

    // Read by the query filter on every execution (EF turns context members into query parameters). Each is the
    // principal the caller holds for one kind of key, or Guid.Empty (never stored) when the caller's role does not hold it.
    private bool ScopeUnrestricted => Scope.Unrestricted;
    private Guid ScopeOrganisationId => Scope.OrganisationId;
    private Guid KeyOrganisation => Scope.OrganisationWide ? Scope.OrganisationId : Guid.Empty;
    private Guid KeyRegistered => Scope.OwnRegistrations ? Scope.UserId : Guid.Empty;
    private Guid KeyWorker => Scope.OrganisationId != Guid.Empty ? Scope.UserId : Guid.Empty;
    private Guid KeySchemeParticipant => Scope.SchemeParticipants ? Scope.OrganisationId : Guid.Empty;
    private Guid KeyBreakGlass => Scope.BreakGlass ? Scope.UserId : Guid.Empty;
    private Guid KeyEmployer => Scope is { EmployerId: { } e, MentorId: null } ? e : Guid.Empty;
    private Guid KeyMentor => Scope is { EmployerId: not null, MentorId: { } m } ? m : Guid.Empty;
    private DateTimeOffset ScopeNow => Now;
    public DateTimeOffset Now => (clock ?? TimeProvider.System).GetUtcNow();

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<TwoFactorPolicy> TwoFactorPolicies => Set<TwoFactorPolicy>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Locality> Localities => Set<Locality>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<PersonNameToken> PersonNameTokens => Set<PersonNameToken>();
    public DbSet<PersonKey> PersonKeys => Set<PersonKey>();
    public DbSet<PersonMerge> PersonMerges => Set<PersonMerge>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<BreakGlassGrant> BreakGlassGrants => Set<BreakGlassGrant>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<PendingAuditEvent> PendingAuditEvents => Set<PendingAuditEvent>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<CallerFlag> CallerFlags => Set<CallerFlag>();
    public DbSet<ContactDraft> ContactDrafts => Set<ContactDraft>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseAssignment> CaseAssignments => Set<CaseAssignment>();
    public DbSet<CaseGoal> CaseGoals => Set<CaseGoal>();
    public DbSet<CaseService> CaseServices => Set<CaseService>();
    public DbSet<CaseTask> CaseTasks => Set<CaseTask>();
    public DbSet<CaseHistoryEntry> CaseHistory => Set<CaseHistoryEntry>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ServiceOffering> ServiceOfferings => Set<ServiceOffering>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<EvaluationStudy> EvaluationStudies => Set<EvaluationStudy>();
    public DbSet<EvaluationDataset> EvaluationDatasets => Set<EvaluationDataset>();
    public DbSet<GroupActivity> GroupActivities => Set<GroupActivity>();
    public DbSet<Employer> Employers => Set<Employer>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<SchemeApplicant> SchemeApplicants => Set<SchemeApplicant>();
    public DbSet<Placement> Placements => Set<Placement>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<CohortLottery> CohortLotteries => Set<CohortLottery>();
    public DbSet<LotteryEntry> LotteryEntries => Set<LotteryEntry>();
    public DbSet<Mentor> Mentors => Set<Mentor>();
    public DbSet<EmployerAccount> EmployerAccounts => Set<EmployerAccount>();
    public DbSet<MatchRun> MatchRuns => Set<MatchRun>();
    public DbSet<PlacementCheckIn> PlacementCheckIns => Set<PlacementCheckIn>();
    public DbSet<SubsidyPayment> SubsidyPayments => Set<SubsidyPayment>();
    public DbSet<ActivitySession> ActivitySessions => Set<ActivitySession>();
    public DbSet<SessionAttendance> SessionAttendances => Set<SessionAttendance>();
    public DbSet<SessionHeadcount> SessionHeadcounts => Set<SessionHeadcount>();
    public DbSet<ActivityFacilitator> ActivityFacilitators => Set<ActivityFacilitator>();
    public DbSet<Consultation> Consultations => Set<Consultation>();
    public DbSet<ClinicalNote> ClinicalNotes => Set<ClinicalNote>();
    public DbSet<Measurement> Measurements => Set<Measurement>();
    public DbSet<SafetyAlert> SafetyAlerts => Set<SafetyAlert>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<SurveyVersion> SurveyVersions => Set<SurveyVersion>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<InstrumentTranslation> InstrumentTranslations => Set<InstrumentTranslation>();
    public DbSet<Donor> Donors => Set<Donor>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectDonor> ProjectDonors => Set<ProjectDonor>();
    public DbSet<ProjectPartner> ProjectPartners => Set<ProjectPartner>();
    public DbSet<LogframeResult> LogframeResults => Set<LogframeResult>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<ManualValue> ManualValues => Set<ManualValue>();
    public DbSet<ReportPeriod> ReportPeriods => Set<ReportPeriod>();
    public DbSet<PeriodSnapshot> PeriodSnapshots => Set<PeriodSnapshot>();

    public bool IsPostgres => Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot compare or order DateTimeOffset stored as text; store it as sortable ticks.
        if (!IsPostgres)
            builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<AppUser>(e => { e.Property(u => u.DisplayName).HasMaxLength(200); e.HasIndex(u => u.OrganisationId); });
        b.Entity<Organisation>(e => e.Property(o => o.Name).HasMaxLength(300));
        b.Entity<TwoFactorPolicy>().HasKey(p => new { p.OrganisationId, p.Role });

        b.Entity<Region>(e =>
        {
            e.HasKey(r => r.Code);
            e.HasMany(r => r.Localities).WithOne().HasForeignKey(l => l.RegionCode);
        });
        b.Entity<Locality>().Property(l => l.Id).ValueGeneratedNever();

        b.Entity<Person>(e =>
        {
            e.Property(p => p.GivenName).HasConversion((ValueConverter)Sealed("Person.GivenName"));
            e.Property(p => p.FamilyName).HasConversion((ValueConverter)Sealed("Person.FamilyName"));
            e.Property(p => p.Patronymic).HasConversion((ValueConverter)Sealed("Person.Patronymic"));
            e.Property(p => p.Iin).HasConversion((ValueConverter)Sealed("Person.Iin"));
            e.Property(p => p.Phone).HasConversion((ValueConverter)Sealed("Person.Phone"));
            e.Property(p => p.Address).HasConversion((ValueConverter)Sealed("Person.Address"));
            e.Property(p => p.Notes).HasConversion((ValueConverter)Sealed("Person.Notes"));
            e.Property(p => p.Disability).HasConversion((ValueConverter)Sealed("Person.Disability"));
            e.Property(p => p.RegionCode).HasMaxLength(8);
            e.Property(p => p.Locality).HasMaxLength(200);
            e.Property(p => p.IinHash).HasMaxLength(32);
            e.Property(p => p.PhoneHash).HasMaxLength(32);
            e.Property(p => p.NameDobHash).HasMaxLength(32);
            e.HasIndex(p => p.IinHash);
            e.HasIndex(p => p.PhoneHash);
            e.HasIndex(p => p.NameDobHash);
            e.HasIndex(p => p.OrganisationId);
            e.HasIndex(p => new { p.UpdatedAt, p.Id }); // the people list, newest first, paged by keyset
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasMany(p => p.NameTokens).WithOne().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(VisiblePeople());
        });
        b.Entity<PersonKey>(e =>
        {
            e.HasKey(k => new { k.PersonId, k.Kind, k.Principal });
            // Lists are driven from here: the people one principal reaches.
            e.HasIndex(k => new { k.Principal, k.Kind, k.PersonId });
            e.HasOne<Person>().WithMany().HasForeignKey(k => k.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        // (Hash, PersonId): a name word's people come from the index alone (index-only scan), and two words intersect there.
        b.Entity<PersonNameToken>(e => { e.Property(t => t.Hash).HasMaxLength(32); e.HasIndex(t => new { t.Hash, t.PersonId }); });

        b.Entity<Consent>(e =>
        {
            e.Property(c => c.GuardianName).HasConversion((ValueConverter)Sealed("Consent.GuardianName"));
            e.HasIndex(c => c.PersonId);
            e.HasIndex(c => c.TargetOrganisationId);
        });
        b.Entity<BreakGlassGrant>(e =>
        {
            e.HasIndex(g => new { g.UserId, g.PersonId });
            e.Property(g => g.Reason).HasConversion((ValueConverter)Sealed("BreakGlassGrant.Reason"));
        });
        b.Entity<PersonMerge>().Property(m => m.Reason).HasConversion((ValueConverter)Sealed("PersonMerge.Reason"));
        b.Entity<Notification>().HasIndex(n => n.OrganisationId);

        b.Entity<EvaluationStudy>(e =>
        {
            e.Property(s => s.Title).HasMaxLength(300);
            e.Property(s => s.LockedPlanHash).HasMaxLength(64);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasIndex(s => new { s.OrganisationId, s.Status });
            e.Ignore(s => s.Plan);
            e.Ignore(s => s.Deviations);
        });
        b.Entity<EvaluationDataset>(e =>
        {
            e.HasKey(d => d.StudyId);
            e.Property(d => d.FileName).HasMaxLength(300);
        });

        b.Entity<Employer>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Sector).HasMaxLength(40);
            e.Property(x => x.RegionCode).HasMaxLength(8);
            e.Property(x => x.Locality).HasMaxLength(200);
            e.Property(x => x.ContactPerson).HasMaxLength(200);
            e.Property(x => x.ContactPhone).HasMaxLength(40);
            e.HasIndex(x => x.OrganisationId);
            e.HasMany(x => x.Mentors).WithOne().HasForeignKey(m => m.EmployerId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Positions).WithOne().HasForeignKey(p => p.EmployerId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Mentor>(e => e.Property(x => x.Name).HasMaxLength(200));
        b.Entity<EmployerAccount>(e => { e.HasKey(x => x.UserId); e.HasIndex(x => x.EmployerId); });
        b.Entity<Position>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Sector).HasMaxLength(40);
            e.Property(x => x.RequiredSkills).HasMaxLength(500);
            e.Property(x => x.Locality).HasMaxLength(200);
            e.Property(x => x.Project).HasMaxLength(100);
            e.Property(x => x.MonthlySubsidy).HasPrecision(12, 2);
            e.HasIndex(x => x.EmployerId);
        });
        b.Entity<SchemeApplicant>(e =>
        {
            e.HasIndex(x => x.OrganisationId);
            e.HasIndex(x => x.PersonId);
            e.HasIndex(x => new { x.OrganisationId, x.AppliedOn, x.Id }); // the applicant list's keyset pages
            e.Property(x => x.Cohort).HasMaxLength(100);
            e.Property(x => x.Skills).HasMaxLength(500);
            e.Property(x => x.PreferredSectors).HasMaxLength(300);
            e.Property(x => x.RegionCode).HasMaxLength(8);
            e.Property(x => x.Constraints).HasConversion((ValueConverter)Sealed("SchemeApplicant.Constraints"));
        });
        b.Entity<Placement>(e =>
        {
            e.HasIndex(x => x.ApplicantId);
            e.HasIndex(x => x.EmployerId);
            e.HasIndex(x => new { x.StartsOn, x.Id }); // the placement list's keyset pages
            e.Property(x => x.EndReason).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<MatchRun>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.OrganisationId, x.Status });
            e.HasIndex(x => new { x.OrganisationId, x.CreatedAt, x.Id }); // the run list's keyset pages
        });
        b.Entity<PlacementCheckIn>(e =>
        {
            e.HasIndex(x => x.PlacementId);
            e.Property(x => x.Note).HasConversion((ValueConverter)Sealed("PlacementCheckIn.Note"));
        });
        b.Entity<SubsidyPayment>(e =>
        {
            e.HasIndex(x => x.PlacementId);
            e.HasIndex(x => x.EmployerId);
            e.Property(x => x.Project).HasMaxLength(100);
            e.Property(x => x.AmountDue).HasPrecision(12, 2);
            e.Property(x => x.AmountPaid).HasPrecision(12, 2);
            e.Property(x => x.WithheldReason).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<CohortLottery>(e =>
        {
            e.Property(x => x.RegionCode).HasMaxLength(8);
            e.Property(x => x.Cohort).HasMaxLength(100);
            e.Property(x => x.PlanHash).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.OrganisationId, x.RegionCode, x.Cohort }).IsUnique();
        });
        b.Entity<LotteryEntry>(e =>
        {
            e.HasKey(x => new { x.LotteryId, x.ApplicantId });
            e.HasIndex(x => x.ApplicantId);
            e.Property(x => x.Stratum).HasMaxLength(40);
        });
        b.Entity<FollowUp>(e => { e.HasIndex(x => new { x.ApplicantId, x.Milestone }).IsUnique(); e.Property(x => x.IncomeBand).HasMaxLength(50); });

        b.Entity<Donor>(e => { e.Property(x => x.Name).HasMaxLength(300); e.Property(x => x.IatiRef).HasMaxLength(100); e.Property(x => x.Type).HasMaxLength(4); });
        b.Entity<Project>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.IatiIdentifier).HasMaxLength(150);
            e.HasIndex(x => x.IatiIdentifier).IsUnique();
            e.Property(x => x.Budget).HasPrecision(16, 2);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Regions).HasMaxLength(200);
            e.Property(x => x.ReportingOrgRef).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.OrganisationId);
            e.HasMany(x => x.Donors).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Partners).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Results).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Periods).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ProjectDonor>(e => { e.HasKey(x => new { x.ProjectId, x.DonorId }); e.HasOne(x => x.Donor).WithMany().HasForeignKey(x => x.DonorId); e.Property(x => x.Amount).HasPrecision(16, 2); });
        b.Entity<ProjectPartner>(e => { e.HasKey(x => new { x.ProjectId, x.OrganisationId }); e.HasIndex(x => x.OrganisationId); });
        b.Entity<LogframeResult>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(20);
            e.Property(x => x.Title).HasMaxLength(500);
            e.HasMany(x => x.Indicators).WithOne().HasForeignKey(x => x.ResultId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Indicator>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(20);
            e.Property(x => x.Title).HasMaxLength(500);
            e.Property(x => x.Definition).HasMaxLength(60);
            e.Property(x => x.Parameter).HasMaxLength(100);
            e.Property(x => x.ManualSource).HasMaxLength(500);
            e.Property(x => x.BaselineNote).HasMaxLength(500);
            e.Property(x => x.Baseline).HasPrecision(16, 4);
            e.Property(x => x.TargetTotal).HasPrecision(16, 4);
            e.HasIndex(x => x.ProjectId);
            e.HasIndex(x => x.OwnerUserId);
            e.HasMany(x => x.Targets).WithOne().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.ManualValues).WithOne().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<IndicatorTarget>(e => { e.HasKey(x => new { x.IndicatorId, x.PeriodId }); e.Property(x => x.Value).HasPrecision(16, 4); });
        b.Entity<ManualValue>(e => { e.HasKey(x => new { x.IndicatorId, x.PeriodId }); e.Property(x => x.Value).HasPrecision(16, 4); e.Property(x => x.Source).HasMaxLength(500); });
        b.Entity<ReportPeriod>(e => { e.Property(x => x.Label).HasMaxLength(60); e.HasIndex(x => new { x.ProjectId, x.StartsOn }).IsUnique(); });
        b.Entity<PeriodSnapshot>(e =>
        {
            e.HasIndex(x => new { x.PeriodId, x.Version }).IsUnique();
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.Reason).HasMaxLength(1000);
        });

        b.Entity<GroupActivity>(e =>
        {
            e.Property(a => a.Title).HasMaxLength(300);
            e.Property(a => a.RegionCode).HasMaxLength(8);
            e.Property(a => a.Locality).HasMaxLength(200);
            e.Property(a => a.Venue).HasMaxLength(200);
            e.HasIndex(a => a.OrganisationId);
            e.HasIndex(a => a.VolunteerPersonId);
            e.HasMany(a => a.Facilitators).WithOne().HasForeignKey(f => f.ActivityId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Sessions).WithOne().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ActivitySession>(e =>
        {
            e.Property(s => s.Topic).HasMaxLength(300);
            e.HasMany(s => s.Attendees).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Headcounts).WithOne().HasForeignKey(h => h.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SessionAttendance>(e => { e.HasKey(a => new { a.SessionId, a.PersonId }); e.HasIndex(a => a.PersonId); });
        b.Entity<SessionHeadcount>().HasKey(h => new { h.SessionId, h.Sex, h.AgeBand });
        b.Entity<ActivityFacilitator>(e => { e.HasKey(f => new { f.ActivityId, f.UserId }); e.HasIndex(f => f.UserId); });

        b.Entity<Consultation>(e =>
        {
            e.HasIndex(c => new { c.PsychologistUserId, c.Date });
            e.HasIndex(c => new { c.OrganisationId, c.Date });
            e.HasIndex(c => c.PersonId);
            e.Property(c => c.Issues).HasMaxLength(400);
            e.Property(c => c.Interventions).HasMaxLength(400);
        });
        b.Entity<ClinicalNote>(e =>
        {
            e.HasIndex(n => n.ConsultationId);
            e.Property(n => n.Text).HasConversion((ValueConverter)Sealed("ClinicalNote.Text"));
        });
        b.Entity<Measurement>(e =>
        {
            e.HasIndex(m => new { m.PersonId, m.Instrument, m.TakenOn });
            e.HasIndex(m => new { m.OrganisationId, m.Instrument });
            e.Property(m => m.Instrument).HasMaxLength(8);
            e.Property(m => m.Band).HasMaxLength(32);
            e.Property(m => m.Answers).HasConversion((ValueConverter)Sealed("Measurement.Answers"));
        });
        b.Entity<SafetyAlert>(e =>
        {
            e.HasIndex(a => new { a.OrganisationId, a.AcknowledgedAt });
            e.HasIndex(a => new { a.PsychologistUserId, a.AcknowledgedAt });
            e.Property(a => a.ActionTaken).HasConversion((ValueConverter)Sealed("SafetyAlert.ActionTaken"));
            e.Property(a => a.Version).IsConcurrencyToken();
        });
        b.Entity<Survey>(e =>
        {
            e.HasIndex(x => new { x.OrganisationId, x.Code }).IsUnique();
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(300);
            e.HasMany(x => x.Versions).WithOne().HasForeignKey(v => v.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SurveyVersion>(e => e.HasIndex(v => new { v.SurveyId, v.Number }).IsUnique());
        b.Entity<SurveyResponse>(e =>
        {
            e.HasIndex(r => new { r.SurveyVersionId, r.PersonId });
            e.HasIndex(r => r.PersonId);
            e.Property(r => r.Answers).HasConversion((ValueConverter)Sealed("SurveyResponse.Answers"));
        });
        b.Entity<InstrumentTranslation>(e =>
        {
            e.HasKey(t => new { t.OrganisationId, t.Instrument, t.Language });
            e.Property(t => t.Instrument).HasMaxLength(8);
            e.Property(t => t.Language).HasMaxLength(8);
            e.Property(t => t.Source).HasMaxLength(300);
        });

        b.Entity<AuditEvent>(e =>
        {
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.Property(a => a.Hash).HasMaxLength(64);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.EntityType).HasMaxLength(64);
            e.Property(a => a.EntityId).HasMaxLength(64);
            e.HasIndex(a => a.EntityId);
            e.HasIndex(a => a.OccurredAt);
            e.HasIndex(a => a.OrganisationId);
            e.HasIndex(a => a.SubjectOrganisationId);
            e.HasIndex(a => a.UserId);
        });
        b.Entity<Contact>(e =>
        {
            e.HasIndex(c => new { c.OrganisationId, c.StartedAt });
            e.HasIndex(c => new { c.OrganisationId, c.CallId }).IsUnique();
            e.HasIndex(c => new { c.OrganisationId, c.CallerHash });
            e.Property(c => c.Line).HasMaxLength(40);
            e.Property(c => c.CallId).HasMaxLength(100);
            e.Property(c => c.CallerHash).HasMaxLength(32);
            e.Property(c => c.Categories).HasMaxLength(500);
            e.Property(c => c.Summary).HasConversion((ValueConverter)Sealed("Contact.Summary"));
            e.Property(c => c.Version).IsConcurrencyToken();
            // Each party is three columns on the contact; required, so a party described by nothing is still an object.
            foreach (var party in new[] { nameof(Contact.Caller), nameof(Contact.PersonAtRisk), nameof(Contact.PersonOfConcern) })
            {
                e.OwnsOne(typeof(ContactParty), party, p => p.Property(nameof(ContactParty.RegionCode)).HasMaxLength(8));
                e.Navigation(party).IsRequired();
            }
        });
        b.Entity<CallerFlag>(e =>
        {
            e.HasIndex(f => new { f.OrganisationId, f.CallerHash });
            e.Property(f => f.CallerHash).HasMaxLength(32);
            e.Property(f => f.Reason).HasConversion((ValueConverter)Sealed("CallerFlag.Reason"));
        });
        b.Entity<ContactDraft>(e =>
        {
            e.HasIndex(d => new { d.UserId, d.Key }).IsUnique();
            e.Property(d => d.Key).HasMaxLength(64);
            e.Property(d => d.Content).HasConversion((ValueConverter)Sealed("ContactDraft.Content"));
        });
        b.Entity<Case>(e =>
        {
            e.HasIndex(c => new { c.OrganisationId, c.Status });
            e.HasIndex(c => c.PersonId);
            e.HasIndex(c => c.ContactId);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasMany(c => c.Workers).WithOne().HasForeignKey(a => a.CaseId);
            e.HasMany(c => c.Goals).WithOne().HasForeignKey(g => g.CaseId);
            e.HasMany(c => c.Services).WithOne().HasForeignKey(s => s.CaseId);
            e.HasMany(c => c.Tasks).WithOne().HasForeignKey(t => t.CaseId);
            e.HasMany(c => c.History).WithOne().HasForeignKey(h => h.CaseId);
        });
        b.Entity<CaseAssignment>(e => e.HasIndex(a => new { a.UserId, a.CaseId }));
        b.Entity<CaseGoal>(e => e.Property(g => g.Text).HasConversion((ValueConverter)Sealed("CaseGoal.Text")));
        b.Entity<CaseService>(e => e.Property(s => s.Notes).HasConversion((ValueConverter)Sealed("CaseService.Notes")));
        b.Entity<CaseTask>(e =>
        {
            e.Property(t => t.Title).HasConversion((ValueConverter)Sealed("CaseTask.Title"));
            e.HasIndex(t => new { t.DoneAt, t.DueOn });
        });
        b.Entity<CaseHistoryEntry>(e =>
        {
            e.Property(h => h.Id).ValueGeneratedOnAdd();
            e.Property(h => h.Field).HasMaxLength(64);
            e.Property(h => h.From).HasMaxLength(200);
            e.Property(h => h.To).HasMaxLength(200);
        });
        b.Entity<Referral>(e =>
        {
            e.HasIndex(r => new { r.ToOrganisationId, r.Status });
            e.HasIndex(r => new { r.FromOrganisationId, r.Status });
            e.HasIndex(r => new { r.PersonId, r.ToOrganisationId });
            e.HasIndex(r => r.CaseId);
            e.Property(r => r.Reason).HasConversion((ValueConverter)Sealed("Referral.Reason"));
            e.Property(r => r.ClosingReason).HasConversion((ValueConverter)Sealed("Referral.ClosingReason"));
            e.Property(r => r.Version).IsConcurrencyToken();
        });
        b.Entity<ServiceOffering>(e =>
        {
            e.HasIndex(o => new { o.RegionCode, o.Type });
            e.Property(o => o.RegionCode).HasMaxLength(8);
            e.Property(o => o.Description).HasMaxLength(500);
        });
        b.Entity<JobRun>(e =>
        {
            e.Property(j => j.Id).ValueGeneratedOnAdd();
            e.Property(j => j.Job).HasMaxLength(64);
            e.Property(j => j.Instance).HasMaxLength(200);
            // One row per firing: an instance claims the firing by inserting it, so a firing Quartz hands out twice (a node
            // thought dead while slow, its triggers recovered by another) still runs once.
            e.HasIndex(j => new { j.Job, j.ScheduledFor }).IsUnique();
        });
        b.Entity<PendingAuditEvent>(e =>
        {
            e.Property(a => a.Id).ValueGeneratedOnAdd();
            e.Property(a => a.EntityType).HasMaxLength(64);
            e.Property(a => a.EntityId).HasMaxLength(64);
        });
    }

    /// <summary>
    /// The one scope of person records (ADR 0005), as one index probe (ADR 0014): the record has a key whose principal is
    /// one the caller holds. The keys are derived by <see cref="PersonKeys"/> whenever a granting record is saved.
    /// </summary>
    private System.Linq.Expressions.Expression<Func<Person, bool>> VisiblePeople()
    {
        var held = KeyHeld();
        var p = System.Linq.Expressions.Expression.Parameter(typeof(Person), "p");
        var body = new Substitute(held.Parameters[0], System.Linq.Expressions.Expression.Property(p, nameof(Person.Id))).Visit(held.Body);
        return System.Linq.Expressions.Expression.Lambda<Func<Person, bool>>(body, p);
    }

    /// <summary>The scope's condition on a person's id: the caller holds one of the person's keys.</summary>
    private System.Linq.Expressions.Expression<Func<Guid, bool>> KeyHeld() => id =>
        ScopeUnrestricted
        || Set<PersonKey>().Any(k => k.PersonId == id
            // A kind the caller holds no principal for (Guid.Empty) is a constant false once PostgreSQL plans the statement
            // with its values, so the planner weighs only the caller's kinds (a search plans its scope twice). Every column
            // named here is in the primary key, so the probe reads the index alone (an index-only scan).
            && ((KeyOrganisation != Guid.Empty && k.Kind == PersonKeyKind.Organisation && k.Principal == KeyOrganisation)
                || (KeyRegistered != Guid.Empty && k.Kind == PersonKeyKind.Registered && k.Principal == KeyRegistered)
                || (KeyWorker != Guid.Empty && k.Kind == PersonKeyKind.Worker && k.Principal == KeyWorker)
                || (KeySchemeParticipant != Guid.Empty && k.Kind == PersonKeyKind.SchemeParticipant && k.Principal == KeySchemeParticipant)
                || (KeyEmployer != Guid.Empty && k.Kind == PersonKeyKind.Employer && k.Principal == KeyEmployer)
                || (KeyMentor != Guid.Empty && k.Kind == PersonKeyKind.Mentor && k.Principal == KeyMentor)))
        // Break-glass keys expire, and the expiry is not in the key's index: a probe of its own, so that checking it does not
        // send every other probe to the table (at 1M people the keys query's PostgreSQL time fell by a seventh).
        || (KeyBreakGlass != Guid.Empty && Set<PersonKey>().Any(k => k.PersonId == id
            && k.Kind == PersonKeyKind.BreakGlass && k.Principal == KeyBreakGlass && k.ExpiresAt > ScopeNow));

    /// <summary>
    /// Narrows a subquery of person ids to those the scope holds a key for — the person filter's own condition — so a
    /// search can drop people out of scope before reading any of their rows. The filter still applies to every row read.
    /// </summary>
    public IQueryable<Guid> WithKeyHeld(IQueryable<Guid> ids) => ids.Where(keyHeld ??= KeyHeld());

    // Built once per context (contexts are pooled): the expression names this instance, whose scope EF reads at each execution.
    private System.Linq.Expressions.Expression<Func<Guid, bool>>? keyHeld;

    private sealed class Substitute(System.Linq.Expressions.ParameterExpression from, System.Linq.Expressions.Expression to) : System.Linq.Expressions.ExpressionVisitor
    {
        protected override System.Linq.Expressions.Expression VisitParameter(System.Linq.Expressions.ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>Records reached through the organisation (owned or shared), i.e. visible other than by break-glass.</summary>
    public IQueryable<Person> ReachablePeople() => People.Where(p => PersonKeys.Any(k => k.PersonId == p.Id
        && k.Kind == PersonKeyKind.Organisation && k.Principal == ScopeOrganisationId));

    /// <summary>
    /// Everyone the caller's organisation owns or has been shared under consent or referral, whatever the caller's role
    /// narrows it to: only for an exact lookup by identifier of the person in front of a coordinator who enrols them.
    /// </summary>
    public IQueryable<Person> OrganisationPeople() => People.IgnoreQueryFilters().Where(p => !ScopeUnrestricted && ScopeOrganisationId != Guid.Empty
        && PersonKeys.Any(k => k.PersonId == p.Id && k.Kind == PersonKeyKind.Organisation && k.Principal == ScopeOrganisationId));

    private bool savingKeys;

    /// <summary>Synchronous saves (the data-protection key store) touch no granting record; one that does goes the async way.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (savingKeys || Qadam.Data.PersonKeys.Collect(ChangeTracker).IsEmpty) return base.SaveChanges(acceptAllChangesOnSuccess);
        return SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();
    }

    /// <summary>Saves, and in the same transaction re-derives the access keys of every person whose granting records changed.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (savingKeys) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (!ChangeTracker.AutoDetectChangesEnabled) ChangeTracker.DetectChanges();
        var touched = Qadam.Data.PersonKeys.Collect(ChangeTracker);
        if (touched.IsEmpty) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (touched.OnlyAdded)
        {
            // New people alone (the common write: registering someone): their keys go in the same batch, no re-derivation.
            var keys = await Qadam.Data.PersonKeys.OfNewAsync(touched.Added, async user =>
                user == Scope.UserId && Scope.OrganisationId != Guid.Empty ? Scope.OrganisationId
                    : await Users.Where(u => u.Id == user).Select(u => (Guid?)u.OrganisationId).FirstOrDefaultAsync(cancellationToken));
            PersonKeys.AddRange(keys);
            try
            {
                savingKeys = true;
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            finally
            {
                savingKeys = false;
                foreach (var k in keys) Entry(k).State = EntityState.Detached;
            }
        }
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var people = await Qadam.Data.PersonKeys.PeopleOfAsync(this, touched, cancellationToken);
            await ReplaceKeysAsync(people, Now, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>Deletes and re-inserts the keys of <paramref name="people"/>, derived from the database as this transaction sees it.</summary>
    public async Task ReplaceKeysAsync(IReadOnlyCollection<Guid> people, DateTimeOffset now, CancellationToken ct)
    {
        if (people.Count == 0) return;
        var keys = await Qadam.Data.PersonKeys.DeriveAsync(this, people, now, ct);
        foreach (var chunk in people.Chunk(1000))
            await PersonKeys.Where(k => chunk.Contains(k.PersonId)).ExecuteDeleteAsync(ct);
        if (keys.Count == 0) return;
        if (keys.Count > 200)
        {
            await BulkWriter.InsertAsync(this, keys, ct);
            return;
        }
        savingKeys = true;
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            PersonKeys.AddRange(keys);
            await base.SaveChangesAsync(true, ct);
        }
        finally
        {
            foreach (var k in keys) Entry(k).State = EntityState.Detached;
            ChangeTracker.AutoDetectChangesEnabled = detect;
            savingKeys = false;
        }
    }

    // EF never passes null to a converter, so one converter serves required and optional columns.
    private ValueConverter<string, string> Sealed(string column) =>
        new(v => cipher.Encrypt(v, column), v => cipher.Decrypt(v, column));
}

/// <summary>The model captures the cipher in its converters, so models are cached per key set and provider.</summary>
public sealed class QadamModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is QadamDbContext q ? (context.GetType(), q.Database.ProviderName, q.Cipher.Fingerprint, designTime) : (context.GetType(), designTime);
}

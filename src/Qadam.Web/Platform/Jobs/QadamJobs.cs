using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Auditing;
using Quartz;
using Qadam.Web.Platform.Jobs;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Platform.Jobs;

public sealed class RetentionOptions
{
    /// <summary>Days after its end that a contact's summary is kept when no case was opened from it.</summary>
    public int ContactSummaryDays { get; set; } = 365;
}

/// <summary>
/// The scheduled jobs (ADR 0008): referral deadlines, task and follow-up reminders, retention. On PostgreSQL Quartz.NET
/// keeps jobs and triggers in its own tables in clustered mode, so with several instances each firing runs on one of
/// them; on the embedded SQLite default (one process) the store is in memory. Intervals come from <c>Jobs:*</c>.
/// </summary>
public static class QadamJobs
{
    public static IServiceCollection AddQadamJobs(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("Jobs:Enabled", true)) return services; // e.g. tests that run the jobs themselves
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        TimeSpan Every(string job, int seconds) => TimeSpan.FromSeconds(configuration.GetValue($"Jobs:{job}:IntervalSeconds", seconds));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "Qadam");
            if (database.IsPostgres)
            {
                q.UsePersistentStore(s =>
                {
                    s.ConfigureStore(o =>
                    {
                        o.StoreJobDataAsStrings = true;
                        // Quartz creates its own tables (qrtz_*) in the Qadam database the first time; later starts verify them.
                        o.SchemaProvisioning = SchemaProvisioning.CreateIfMissing;
                    });
                    s.UsePostgres(database.EffectiveConnectionString);
                    s.UseSystemTextJsonSerializer();
                    s.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:CheckinSeconds", 10)));
                });
            }
            else q.UseInMemoryStore();
            Schedule<ReferralDeadlineJob>(q, Every("ReferralDeadlines", 300));
            Schedule<TaskReminderJob>(q, Every("TaskReminders", 900));
            Schedule<RetentionJob>(q, Every("Retention", 3600));
            Schedule<Qadam.Web.Features.Psychosocial.SafetyAlertEscalationJob>(q, Every("SafetyAlerts", 120));
        });
        // An instance that starts later replaces the stored triggers (so changed intervals apply) but keeps their rhythm.
        services.Configure<QuartzOptions>(o => o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static void Schedule<TJob>(IQuartzBuilder q, TimeSpan every) where TJob : IJob
    {
        var key = new JobKey(typeof(TJob).Name, "qadam");
        q.AddJob<TJob>(j => j.WithIdentity(key).StoreDurably());
        q.AddTrigger(t => t.ForJob(key).WithIdentity(typeof(TJob).Name + ".trigger", "qadam")
            .StartAt(DateTimeOffset.UtcNow.Add(every < TimeSpan.FromMinutes(1) ? every : TimeSpan.FromMinutes(1)))
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(every).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}

/// <summary>A job over the whole installation (system scope) that records each run: which firing, on which instance.</summary>
[DisallowConcurrentExecution]
public abstract class QadamJob(QadamDbContext db, ILogger log) : IJob
{
    protected QadamDbContext Db { get; } = db.UseScope(AccessScope.System);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = new JobRun
        {
            Job = GetType().Name, ScheduledFor = context.ScheduledFireTimeUtc ?? context.FireTimeUtc, StartedAt = DateTimeOffset.UtcNow,
            Instance = context.Scheduler.SchedulerInstanceId,
        };
        // Claim the firing first (unique job and scheduled time): Quartz's cluster recovery can hand the same firing to a
        // second node when the first checks in late under load; the second insert fails and that node does nothing.
        Db.JobRuns.Add(run);
        try { await Db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException)
        {
            log.LogInformation("{Job} firing of {At:O} not claimed: another instance ran it (or the database refused the claim)", run.Job, run.ScheduledFor);
            return;
        }
        finally { Db.ChangeTracker.Clear(); }
        int affected;
        try
        {
            affected = await RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "{Job} failed; it runs again at its next firing", run.Job);
            Db.ChangeTracker.Clear();
            affected = -1;
        }
        await Db.JobRuns.Where(j => j.Id == run.Id).ExecuteUpdateAsync(u => u.SetProperty(j => j.Affected, affected), cancellationToken);
    }

    /// <returns>How many records the run acted on.</returns>
    public abstract Task<int> RunAsync(CancellationToken ct);
}

/// <summary>A referral not answered by its deadline alerts both organisations' supervisors (once).</summary>
public sealed class ReferralDeadlineJob(QadamDbContext db, AuditLog audit, TimeProvider clock, ILogger<ReferralDeadlineJob> log) : QadamJob(db, log)
{
    public override async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var overdue = await Db.Referrals.Where(r => r.Status == ReferralStatus.Sent && r.DueAt < now && r.DeadlineAlertedAt == null).Take(500).ToListAsync(ct);
        if (overdue.Count == 0) return 0;
        foreach (var r in overdue)
        {
            r.DeadlineAlertedAt = now;
            var text = $"A {r.Kind.ToString().ToLowerInvariant()} sent on {Iso(DateOnly.FromDateTime(r.SentAt.UtcDateTime))} was not answered by {Iso(DateOnly.FromDateTime(r.DueAt.UtcDateTime))}.";
            foreach (var org in new[] { r.FromOrganisationId, r.ToOrganisationId })
                Db.Notifications.Add(new Notification { OrganisationId = org, Kind = "referralOverdue", SubjectId = r.Id, CreatedAt = now, Text = text });
        }
        await audit.SaveWithAuditAsync(overdue.Select(r => new AuditEntry(Actor.System, AuditAction.Referral_DeadlinePassed, nameof(Referral), r.Id.ToString(),
            new { due = r.DueAt, from = r.FromOrganisationId, to = r.ToOrganisationId })).ToList(), ct);
        return overdue.Count;
    }
}

/// <summary>Tasks and follow-ups that fall due remind their case's organisation once.</summary>
public sealed class TaskReminderJob(QadamDbContext db, AuditLog audit, TimeProvider clock, ILogger<TaskReminderJob> log) : QadamJob(db, log)
{
    public override async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var due = await (from t in Db.CaseTasks
                         join c in Db.Cases on t.CaseId equals c.Id
                         where t.DoneAt == null && t.RemindedAt == null && t.DueOn <= today && c.Status != CaseStatus.Closed
                         select new { Task = t, c.OrganisationId }).Take(500).ToListAsync(ct);
        if (due.Count == 0) return 0;
        foreach (var d in due)
        {
            d.Task.RemindedAt = now;
            Db.Notifications.Add(new Notification
            {
                OrganisationId = d.OrganisationId, Kind = d.Task.Kind == CaseTaskKind.FollowUp ? "followUpDue" : "taskDue", SubjectId = d.Task.CaseId, CreatedAt = now,
                Text = $"A {(d.Task.Kind == CaseTaskKind.FollowUp ? "follow-up" : "task")} of a case is due on {Iso(d.Task.DueOn)}.",
            });
        }
        await audit.SaveWithAuditAsync([new(Actor.System, AuditAction.CaseTask_Reminded, nameof(CaseTask), null, new { tasks = due.Select(d => d.Task.Id).ToArray() })], ct);
        return due.Count;
    }
}

/// <summary>
/// Erases the summaries of completed contacts no case was opened from, once older than the retention period; the
/// categories, times, age bands and outcome stay for statistics. The erasure is audited (which contacts) and counted.
/// </summary>
public sealed class RetentionJob(QadamDbContext db, AuditLog audit, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionJob> log) : QadamJob(db, log)
{
    public override async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Unsaved drafts of contact forms last a day.
        var drafts = await Db.ContactDrafts.Where(d => d.UpdatedAt < now - Qadam.Web.Features.Hotline.ContactDrafts.Lifetime).ExecuteDeleteAsync(ct);
        var before = now.AddDays(-options.Value.ContactSummaryDays);
        var expired = await Db.Contacts
            .Where(c => c.Status == ContactStatus.Completed && c.SummaryErasedAt == null && c.EndedAt != null && c.EndedAt < before
                && !Db.Cases.Any(k => k.ContactId == c.Id))
            .OrderBy(c => c.EndedAt).Take(1000).ToListAsync(ct);
        if (expired.Count == 0) return drafts;
        foreach (var c in expired)
        {
            c.Summary = null;
            c.SummaryErasedAt = now;
        }
        await audit.SaveWithAuditAsync(expired.GroupBy(c => c.OrganisationId).Select(g => new AuditEntry(Actor.System, AuditAction.Contact_SummariesErased,
            nameof(Contact), null, new { count = g.Count(), contacts = g.Select(c => c.Id).ToArray(), olderThan = Iso(DateOnly.FromDateTime(before.UtcDateTime)) }, g.Key)).ToList(), ct);
        return expired.Count + drafts;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;

namespace Qadam.Web.Features.Reports;

/// <summary>The projects the user reports on or reads; a manager starts a new one here (title, donor, dates, regions, budget, periods).</summary>
[Authorize(Policy = "perm:ReportsRead")]
public sealed class IndexModel(ProjectReports reports, QadamDbContext db, IStringLocalizer<SharedResource> l) : ReportsPage
{
    public sealed class NewProject
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? IatiIdentifier { get; set; }
        public string? ReportingOrgRef { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public string? Budget { get; set; }
        public string? Currency { get; set; } = "USD";
        public List<string> Regions { get; set; } = [];
        public string? DonorName { get; set; }
        public string? DonorRef { get; set; }
        public string? DonorType { get; set; } = "10";
        public string? Periods { get; set; } = "quarter";
        public bool Shared { get; set; }
    }

    [BindProperty] public NewProject Input { get; set; } = new();
    public List<ProjectSummaryDto> Projects { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var i = Input;
        var (project, errors) = await reports.CreateAsync(new ProjectInput(i.Title, i.Description, i.IatiIdentifier, i.ReportingOrgRef, i.StartsOn, i.EndsOn, i.Budget, i.Currency,
            string.Join(',', i.Regions), [new DonorInput(i.DonorName, i.DonorRef, i.DonorType, null)], i.Periods, i.Shared, null), Me, ct);
        if (project is not null) return Redirect($"/Reports/Edit/{project.Id}");
        errors.CopyTo(ModelState, l, "Input.");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadRegionsAsync(db, ct);
        Projects = await reports.ListAsync(Me, ct);
    }
}

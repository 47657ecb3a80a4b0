using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Scheme;

[Authorize(Policy = "perm:SchemeRead")]
public sealed class EmployerModel(SchemeRegistry registry, EmployerAccounts accounts, QadamDbContext db, IStringLocalizer<SharedResource> l) : SchemePage
{
    public EmployerDto? Employer { get; private set; }
    [BindProperty] public PositionInput Position { get; set; } = new(null, null, null, null, null, 1, null, null, null, null);
    [BindProperty] public MentorInput? Mentor { get; set; }
    [BindProperty] public EmployerAccountInput? Account { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostPositionAsync(Guid id, CancellationToken ct) =>
        Handle(id, "Position.", async () => { var (found, _, e) = await registry.AddPositionAsync(id, Position, Me, ct); return (found, e); }, ct);

    public Task<IActionResult> OnPostMentorAsync(Guid id, CancellationToken ct) =>
        Handle(id, "Mentor.", async () => { var (found, _, e) = await registry.AddMentorAsync(id, Mentor ?? new(null, null, null, null), Me, ct); return (found, e); }, ct);

    public Task<IActionResult> OnPostAccountAsync(Guid id, CancellationToken ct) =>
        Handle(id, "Account.", async () => { var (found, _, e) = await accounts.CreateAsync(id, Account ?? new(null, null, null, null), Me, ct); return (found, e); }, ct);

    private async Task<IActionResult> Handle(Guid id, string prefix, Func<Task<(bool Found, FieldErrors Errors)>> act, CancellationToken ct)
    {
        ModelState.Clear();
        var (found, errors) = await act();
        if (!found) return NotFound();
        if (!errors.Any) return Redirect($"/Scheme/Employer/{id}");
        errors.CopyTo(ModelState, l, prefix);
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        await LoadRegionsAsync(db, ct);
        Employer = await registry.GetEmployerAsync(id, Me, ct);
        return Employer is not null;
    }
}

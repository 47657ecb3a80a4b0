using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Organisations;

public static class UsersApi
{
    public sealed record TwoFactorPolicyDto(IReadOnlyList<string> Roles);

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Permissions.Policy(Permission.UsersManage));
        g.MapGet("/", async (ManageUsers m, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await m.ListAsync(u, ct)));
        g.MapPost("/", CreateAsync);
        g.MapPut("/{id:guid}", UpdateAsync);
        var p = api.MapGroup("/organisation/two-factor-policy").WithTags("Users").RequireAuthorization(Permissions.Policy(Permission.UsersManage));
        p.MapGet("/", async (ManageUsers m, CurrentUser u, CancellationToken ct) => TypedResults.Ok(new TwoFactorPolicyDto(await m.TwoFactorRolesAsync(u, ct))));
        p.MapPut("/", SetPolicyAsync);
        return api;
    }

    private static async Task<Results<Created<UserDto>, ValidationProblem>> CreateAsync(CreateUserInput input, ManageUsers m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (user, errors) = await m.CreateAsync(input, u, ct);
        return user is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/users/{user.Id}", user);
    }

    private static async Task<Results<Ok<UserDto>, NotFound, ValidationProblem>> UpdateAsync(Guid id, UpdateUserInput input, ManageUsers m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (found, user, errors) = await m.UpdateAsync(id, input, u, ct);
        if (!found) return TypedResults.NotFound();
        return user is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Ok(user);
    }

    private static async Task<Results<Ok<TwoFactorPolicyDto>, ValidationProblem>> SetPolicyAsync(TwoFactorPolicyDto input, ManageUsers m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var errors = await m.SetTwoFactorRolesAsync(input.Roles, u, ct);
        return errors.Any ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Ok(new TwoFactorPolicyDto(await m.TwoFactorRolesAsync(u, ct)));
    }
}

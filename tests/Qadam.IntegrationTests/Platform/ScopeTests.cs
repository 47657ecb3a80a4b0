using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qadam.Data;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;
using static Qadam.Domain.Roles;

namespace Qadam.IntegrationTests.Platform;

/// <summary>
/// Scope rules the generated matrix (<see cref="GeneratedPermissionMatrixTests"/>) does not express as rows: an operator's
/// narrower scope within the organisation, and the API's refusal of the browser's cookie.
/// </summary>
public abstract class ScopeTests(AppFixture app)
{
    [Fact]
    public async Task Operator_CannotOpenAColleaguesRecord_OnlyTheirOwn()
    {
        using var caseworker = await app.ClientAsync(CaseWorker);
        var colleagues = (await TestData.CreatePersonAsync(caseworker, TestData.Person())).Id();
        using var op = await app.ClientAsync(Operator);
        var own = (await TestData.CreatePersonAsync(op, TestData.Person())).Id();
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/v1/people/{colleagues}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync($"/api/v1/people/{own}")).StatusCode);
    }

    [Fact]
    public async Task ApiEndpoints_RejectTheWebSessionCookie()
    {
        // The API takes bearer tokens only: a browser session (cookie) cannot be replayed against it.
        var factory = app.Factory.WithWebHostBuilder(_ => { });
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var page = await browser.GetStringAsync("/Account/Login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var login = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "caseworker1@demo.qadam.kz", ["Password"] = AppFixture.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/People")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/people")).StatusCode);
    }

    [Fact]
    public async Task PooledContext_DoesNotCarryAJobsSystemScope_IntoItsNextLease()
    {
        // Contexts are pooled (ADR 0019): the instance a job bound to the system scope goes back to the pool when its
        // scope ends, and the next request that rents it must see only what its own caller may see.
        QadamDbContext bound;
        await using (var job = app.Factory.Services.CreateAsyncScope())
        {
            bound = job.ServiceProvider.GetRequiredService<QadamDbContext>().UseScope(AccessScope.System);
            Assert.True(bound.Scope.Unrestricted);
            Assert.Equal(await bound.People.IgnoreQueryFilters().CountAsync(), await bound.People.CountAsync()); // the system sees everyone
        }
        // The pool hands instances out first in, first out: rent (and hold) until the bound instance comes back.
        var held = new List<AsyncServiceScope>();
        try
        {
            QadamDbContext? again = null;
            for (var i = 0; i < 500 && again is null; i++)
            {
                var scope = app.Factory.Services.CreateAsyncScope();
                held.Add(scope);
                var rented = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
                if (ReferenceEquals(rented, bound)) again = rented;
            }
            Assert.NotNull(again);
            // It reads its scope from the request again (here: whatever the test's context holds), not the job's binding.
            Assert.False(again.Scope.Unrestricted);
            Assert.Equal(app.Factory.Services.GetRequiredService<IAccessScopeSource>().Current, again.Scope);
        }
        finally
        {
            foreach (var scope in held) await scope.DisposeAsync();
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ScopeTests_Sqlite(SqliteApp app) : ScopeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ScopeTests_Postgres(PostgresApp app) : ScopeTests(app);

using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web;
using Qadam.Web.Features.Account;
using Qadam.Web.Features.AuditTrail;
using Qadam.Web.Features.Demo;
using Qadam.Web.Features.Organisations;
using Qadam.Web.Features.People;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;
using Qadam.Web.Platform.Jobs;

var builder = WebApplication.CreateBuilder(args);
QadamServices.AddShippedConfiguration(builder.Configuration, builder.Environment.EnvironmentName);
QadamServices.EnsureProductionSecrets(builder.Environment, builder.Configuration);
builder.Services.AddQadamWeb(builder.Configuration);

var app = builder.Build();
app.UseQadamWeb();

await QadamServices.MigrateAsync(app.Services);
var demo = QadamServices.IsDemoEnvironment(app.Environment) && app.Configuration.GetValue("Demo:Seed", true);
if (demo)
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(app.Configuration.GetValue("Demo:People", 300));
}
app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, demo));
await app.RunAsync();

static void PrintWelcome(WebApplication app, bool demo)
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    Console.WriteLine();
    Console.WriteLine($"Qadam is running ({app.Environment.EnvironmentName}, database: {app.Configuration["Database:Provider"] ?? "Sqlite"}).");
    foreach (var a in addresses) Console.WriteLine($"  Open {a.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)}");
    if (!demo) return;
    Console.WriteLine($"  Demo logins (password {DemoSeeder.Password}):");
    foreach (var role in Roles.All)
        Console.WriteLine($"    {DemoSeeder.Login(role, 1),-32} {DemoSeeder.Login(role, 2),-32} {(DemoSeeder.Kostanai.Contains(role) ? DemoSeeder.Login(role, 3) : "")}".TrimEnd());
    Console.WriteLine();
}

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;

namespace Qadam.Web
{
    public static class WebSetup
    {
        public static readonly string[] Cultures = ["kk", "ru", "en"];

        public static IServiceCollection AddQadamWeb(this IServiceCollection services, IConfiguration configuration)
        {
            services.AddQadamCore(configuration);
            services.AddCurrentUser();
            services.AddSingleton<IAccessScopeSource, RequestAccessScope>();
            services.AddScoped<Access>();
            services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, RoleAuthorizationHandler>();
            services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, PersonAuthorizationHandler>();
            services.AddOptions<RequestLimitsOptions>().Bind(configuration.GetSection(RequestLimitsOptions.Section));

            services.AddIdentity<AppUser, AppRole>(o =>
                {
                    o.Password.RequiredLength = 10;
                    o.Password.RequireNonAlphanumeric = true;
                    o.Password.RequireDigit = true;
                    o.Password.RequireUppercase = true;
                    o.Password.RequireLowercase = true;
                    o.Lockout.MaxFailedAccessAttempts = 5;
                    o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                    o.Lockout.AllowedForNewUsers = true;
                    o.User.RequireUniqueEmail = true;
                    o.SignIn.RequireConfirmedAccount = false;
                })
                .AddEntityFrameworkStores<QadamDbContext>()
                .AddClaimsPrincipalFactory<QadamClaimsFactory>()
                .AddDefaultTokenProviders();
            services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromMinutes(15); // short-lived; refresh re-checks the account
                o.RefreshTokenExpiration = TimeSpan.FromDays(1);
            });
            services.ConfigureApplicationCookie(o =>
            {
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/Denied";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                o.SlidingExpiration = true;
                o.Cookie.Name = "qadam.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, 401);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, 403);
            });
            services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
            services.AddAuthorization(o =>
            {
                Permissions.AddPolicies(o);
                o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            });
            services.AddDataProtection().SetApplicationName("Qadam");
            services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
                new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
                {
                    o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<IServiceScopeFactory>());
                    o.XmlEncryptor = new CipherXmlEncryptor(sp.GetRequiredService<Qadam.Privacy.FieldCipher>());
                }));

            services.AddLocalization(o => o.ResourcesPath = "Resources");
            services.Configure<RequestLocalizationOptions>(o =>
            {
                var cultures = Cultures.Select(c => new CultureInfo(c)).ToList();
                o.DefaultRequestCulture = new RequestCulture("ru");
                o.SupportedCultures = cultures;
                o.SupportedUICultures = cultures;
                o.FallBackToParentCultures = true;
                o.FallBackToParentUICultures = true;
            });
            services.AddRazorPages(o =>
                {
                    o.RootDirectory = "/Features";
                    o.Conventions.AllowAnonymousToPage("/Account/Login");
                    o.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
                    o.Conventions.AllowAnonymousToPage("/Account/Denied");
                })
                .AddViewLocalization()
                .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));

            services.ConfigureHttpJsonOptions(o =>
            {
                o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
                o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            });
            services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
            services.AddProblemDetails();
            services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
            services.AddOpenApi();
            services.AddHealthChecks().AddDbContextCheck<QadamDbContext>("database", tags: ["ready"]);

            services.AddHostedService(sp => sp.GetRequiredService<Qadam.Web.Platform.Auditing.AuditChainer>());
            services.AddScoped<SignInPolicy>();
            services.AddScoped<AuthenticatorKeys>();
            services.AddLoginRateLimit(configuration);
            services.AddScoped<CreatePerson.Handler>();
            services.AddScoped<UpdatePerson.Handler>();
            services.AddScoped<GetPerson.Handler>();
            services.AddScoped<SearchPeople.Handler>();
            services.AddScoped<FindDuplicates.Handler>();
            services.AddScoped<QueryAudit.Handler>();
            services.AddScoped<Qadam.Web.Features.Hotline.RecordContact.Handler>();
            services.AddScoped<Qadam.Web.Features.Hotline.GetContact.Handler>();
            services.AddScoped<Qadam.Web.Features.Hotline.CompleteContact.Handler>();
            services.AddScoped<Qadam.Web.Features.Hotline.FlagCaller.Handler>();
            services.AddScoped<Qadam.Web.Features.Hotline.ListContacts.Handler>();
            services.AddScoped<Qadam.Web.Features.Hotline.LinkParty.Handler>();
            services.AddScoped<Qadam.Web.Features.Hotline.CopyParties.Handler>();
            services.AddScoped<Qadam.Web.Features.Hotline.ContactDrafts>();
            services.AddScoped<Qadam.Web.Features.Cases.OpenCase.Handler>();
            services.AddScoped<Qadam.Web.Features.Cases.GetCase.Handler>();
            services.AddScoped<Qadam.Web.Features.Cases.ListCases.Handler>();
            services.AddScoped<Qadam.Web.Features.Cases.CaseWork>();
            services.AddScoped<Qadam.Web.Features.Cases.Referrals>();
            services.AddScoped<Qadam.Web.Features.Cases.ServiceDirectory>();
            services.AddScoped<Qadam.Web.Features.Hotline.HotlineFigures>();
            services.AddScoped<Qadam.Web.Features.Psychosocial.Consultations>();
            services.AddScoped<Qadam.Web.Features.Psychosocial.SafetyAlerts>();
            services.AddScoped<Qadam.Web.Features.Psychosocial.Caseload>();
            services.AddScoped<Qadam.Web.Features.Psychosocial.PsychosocialFigures>();
            services.AddScoped<Qadam.Web.Features.Psychosocial.InstrumentTexts>();
            services.AddScoped<Qadam.Web.Features.Psychosocial.Surveys>();
            services.AddScoped<Qadam.Web.Features.Activities.Volunteers>();
            services.AddOptions<Qadam.Web.Features.Psychosocial.SafetyAlertOptions>().Bind(configuration.GetSection("SafetyAlerts"));
            services.AddOptions<Qadam.Web.Features.Cases.ReferralOptions>().Bind(configuration.GetSection("Referrals"));
            services.AddOptions<Qadam.Web.Platform.Jobs.RetentionOptions>().Bind(configuration.GetSection("Retention"));
            services.AddQadamJobs(configuration);
            services.AddScoped<Qadam.Web.Features.GetHome.Handler>();
            services.AddScoped<ListConsents.Handler>();
            services.AddScoped<FollowUpList.Handler>();
            services.AddScoped<MergePeople.Handler>();
            services.AddScoped<GiveConsent.Handler>();
            services.AddScoped<WithdrawConsent.Handler>();
            services.AddScoped<OpenBreakGlass.Handler>();
            services.AddScoped<ManageUsers>();
            services.AddScoped<DemoSeeder>();
            services.AddScoped<Qadam.Web.Features.Demo.SyntheticSeeder>();
            services.AddScoped<Qadam.Web.Features.Evaluation.ManageStudies>();
            services.AddScoped<Qadam.Web.Features.Activities.ManageActivities>();
            services.AddScoped<Qadam.Web.Features.Scheme.SchemeRegistry>();
            services.AddScoped<Qadam.Web.Features.Scheme.EmployerAccounts>();
            services.AddScoped<Qadam.Web.Features.Scheme.MatchRuns>();
            services.AddScoped<Qadam.Web.Features.Scheme.Lotteries>();
            services.AddScoped<Qadam.Web.Features.Reports.ReportBuilder>();
            services.AddScoped<Qadam.Web.Features.Reports.ProjectReports>();
            services.AddScoped<Qadam.Web.Features.Reports.Dashboards>();
            services.AddScoped<Qadam.Web.Features.Scheme.PlacementService>();
            services.AddScoped<Qadam.Web.Features.Scheme.SchemeFigures>();
            services.AddScoped<Qadam.Web.Features.Scheme.SchemeImport>();
            services.AddSingleton<Qadam.Web.Features.Scheme.MatchQueue>();
            services.AddSingleton<Qadam.Web.Features.Scheme.MatchRunner>();
            services.AddHostedService(sp => sp.GetRequiredService<Qadam.Web.Features.Scheme.MatchRunner>());
            services.AddOptions<Qadam.Web.Platform.Pdf.ReportOptions>().Bind(configuration.GetSection(Qadam.Web.Platform.Pdf.ReportOptions.Section));
            services.AddSingleton<Qadam.Web.Platform.Pdf.ReportFont>();
            services.AddSingleton<Qadam.Web.Features.Evaluation.StudyQueue>();
            services.AddScoped<Qadam.Web.Features.Evaluation.IOutcomeSource, Qadam.Web.Features.Evaluation.UploadedDatasetSource>();
            services.AddScoped<Qadam.Web.Features.Evaluation.IOutcomeSource, Qadam.Web.Features.Evaluation.ApprenticeshipOutcomeSource>();
            services.AddScoped<Qadam.Web.Features.Evaluation.IOutcomeSource, Qadam.Web.Features.Psychosocial.InstrumentOutcomeSource>();
            services.AddSingleton<Qadam.Web.Features.Evaluation.StudyRunner>();
            services.AddHostedService(sp => sp.GetRequiredService<Qadam.Web.Features.Evaluation.StudyRunner>());
            return services;
        }

        /// <summary>API calls get a status code; pages get the redirect.</summary>
        private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
        {
            if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = status;
            else ctx.Response.Redirect(ctx.RedirectUri);
            return Task.CompletedTask;
        }

        public static WebApplication UseQadamWeb(this WebApplication app)
        {
            app.UseMiddleware<SecurityHeadersMiddleware>();
            if (!QadamServices.IsDemoEnvironment(app.Environment))
            {
                app.UseHsts();
                app.UseHttpsRedirection();
            }
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                StatusCodeSelector = ProblemDetailsExceptionHandler.StatusOf,
            });
            // API errors are problem details; a page's 404/403/… is the localised error page.
            app.UseWhen(ProblemDetailsExceptionHandler.IsApi, api => api.UseStatusCodePages());
            app.UseWhen(http => !ProblemDetailsExceptionHandler.IsApi(http), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
            app.UseMiddleware<RequestLimitsMiddleware>();
            app.UseMiddleware<ApiContentTypeMiddleware>();
            app.UseRequestLocalization();
            app.UseRouting();
            app.UseRateLimiter();
            app.UseAuthentication();
            app.UseMiddleware<TwoFactorEnrolmentMiddleware>();
            app.UseAuthorization();
            // After authorization: only then does an API request carry its bearer principal.
            app.UseMiddleware<AccountStillValidMiddleware>();

            app.MapAssets();
            app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
            app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
            app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
            app.MapPost("/culture", SetCulture).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

            // The JSON API authenticates with bearer tokens only, so a browser's cookie can never be replayed against it.
            var api = app.MapGroup("/api/v1").RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute
                { AuthenticationSchemes = IdentityConstants.BearerScheme });
            api.MapAuthApi();
            api.MapPeopleApi();
            api.MapAuditApi();
            api.MapReferenceApi();
            Qadam.Web.Features.Hotline.HotlineApi.MapHotlineApi(api);
            Qadam.Web.Features.Cases.CasesApi.MapCasesApi(api);
            Qadam.Web.Features.Psychosocial.InstrumentsApi.MapInstrumentsApi(api);
            Qadam.Web.Features.Psychosocial.PsychosocialApi.MapPsychosocialApi(api);
            api.MapUsersApi();
            Qadam.Web.Features.Evaluation.StudiesApi.MapStudiesApi(api);
            Qadam.Web.Features.Activities.ActivitiesApi.MapActivitiesApi(api);
            Qadam.Web.Features.Reports.ReportsApi.MapReportsApi(api);
            Qadam.Web.Features.Scheme.SchemeApi.MapSchemeApi(api);
            // Unknown API routes (including Identity's self-service endpoints, deliberately absent) are 404, not a challenge.
            app.MapFallback("/api/{**path}", () => Results.Problem(statusCode: 404, title: "No such endpoint."))
                .AllowAnonymous().ExcludeFromDescription();
            app.MapRazorPages();
            return app;
        }

        private static IResult SetCulture(HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string? culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl)
        {
            if (culture is not null && Cultures.Contains(culture))
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            // Only a local path ("/x", not "//host" or "/\\host"); anything else goes home.
            return Results.LocalRedirect(returnUrl is not null && Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }
    }
}

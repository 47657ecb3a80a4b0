using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Qadam.IntegrationTests.Infrastructure;

/// <summary>A browser-like client: cookie session and antiforgery tokens, for posting the pages' forms as a person would.</summary>
public sealed partial class WebSession : IDisposable
{
    public HttpClient Client { get; }

    private WebSession(HttpClient client) => Client = client;

    public static async Task<WebSession> SignInAsync(AppFixture app, string email, string password = AppFixture.Password)
    {
        var session = new WebSession(app.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var response = await session.PostFormAsync("/Account/Login", "/Account/Login", new() { ["Email"] = email, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"web sign-in answered {(int)response.StatusCode}");
        return session;
    }

    /// <summary>GETs <paramref name="pageUrl"/> for an antiforgery token, then posts the form to <paramref name="postUrl"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        var page = await Client.GetStringAsync(pageUrl);
        fields["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await Client.PostAsync(postUrl, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public void Dispose() => Client.Dispose();
}

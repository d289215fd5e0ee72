using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Web.Tests;

/// <summary>The security rules of docs/api.md: tokens, the Host header on loopback, anti-forgery and cross-site POSTs, the headers.</summary>
public sealed class SecurityTests
{
    private const string Token = "s3cret-token";
    private static readonly Dictionary<string, string> Flows = WorkflowApiTests.Flows;
    private static readonly Dictionary<string, string> WithToken = new() { ["ORCHESTRATOR_Http__Token"] = Token };

    [Fact]
    public void AnAddressOtherMachinesReachRefusesToStartWithoutAToken()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("workflows"));
        var config = folder.Write("orchestrator.json", """{ "Orchestrator": { "Http": { "Urls": "http://127.0.0.1:0;http://0.0.0.0:0" } } }""");

        var error = Assert.Throws<OptionsValidationException>(() => OrchestratorWebHost.Build(new HostArguments(config), new Dictionary<string, string>()));

        Assert.Equal(
            "Orchestrator:Http:Token must be set to listen on http://0.0.0.0:0, which other machines can reach (or listen on http://127.0.0.1 with Orchestrator:Http:Urls)",
            Assert.Single(error.Failures));
    }

    [Fact]
    public void AnAddressThatIsNotAUrlIsASettingError()
    {
        using var folder = new TempFolder();
        var config = folder.Write("orchestrator.json", """{ "Orchestrator": { "Http": { "Urls": "127.0.0.1:8686" } } }""");

        var error = Assert.Throws<OptionsValidationException>(() => OrchestratorWebHost.Build(new HostArguments(config), new Dictionary<string, string>()));

        Assert.Equal("Orchestrator:Http:Urls '127.0.0.1:8686' is not an http:// or https:// address with a host, such as http://127.0.0.1:8686", Assert.Single(error.Failures));
    }

    [Fact]
    public async Task WithATokenEveryApiRequestNeedsItAsABearerHeader()
    {
        await using var host = await ApiHost.StartAsync(Flows, WithToken);

        using var none = await host.Client.GetAsync("/api/workflows");
        using var wrong = await SendAsync(host, HttpMethod.Get, "/api/workflows", bearer: "not-it");
        using var right = await SendAsync(host, HttpMethod.Get, "/api/workflows", bearer: Token);
        using var page = await host.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("this API needs its token: send Authorization: Bearer <token>, or sign in with POST /api/login", await ErrorAsync(none));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        // The dashboard's page loads without it, to ask for it.
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task SigningInSetsAnHttpOnlySameSiteCookieThatCarriesTheToken()
    {
        await using var host = await ApiHost.StartAsync(Flows, WithToken);

        using var wrong = await host.Client.PostAsJsonAsync("/api/login", new { token = "guess" });
        using var login = await host.Client.PostAsJsonAsync("/api/login", new { token = Token });
        var cookie = login.Headers.GetValues("Set-Cookie").Single();
        using var withCookie = await SendAsync(host, HttpMethod.Get, "/api/workflows", cookie: cookie.Split(';')[0]);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.StartsWith("orchestrator_token=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
    }

    [Fact]
    public async Task OnLoopbackAHostHeaderThatIsNotThisMachineIsRefused()
    {
        await using var host = await ApiHost.StartAsync(Flows);

        using var rebound = await SendAsync(host, HttpMethod.Get, "/api/workflows", hostHeader: "attacker.example");
        using var local = await SendAsync(host, HttpMethod.Get, "/api/workflows", hostHeader: "127.0.0.1:8686");

        Assert.Equal(HttpStatusCode.Forbidden, rebound.StatusCode);
        Assert.StartsWith("the Host header 'attacker.example' does not name this machine", await ErrorAsync(rebound), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task APostNeedsTheAntiForgeryHeaderUnlessItCarriesABearerToken()
    {
        await using var host = await ApiHost.StartAsync(Flows);
        using var csrf = await host.Client.GetAsync("/api/csrf");
        var token = (await csrf.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var cookie = csrf.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        // No endpoint answers POST /api/anything: past the gate it is a 404, before it a 403.
        using var bare = await SendAsync(host, HttpMethod.Post, "/api/anything");
        using var forged = await SendAsync(host, HttpMethod.Post, "/api/anything", csrf: "made-up", cookie: cookie);
        using var withCsrf = await SendAsync(host, HttpMethod.Post, "/api/anything", csrf: token, cookie: cookie);
        using var withBearer = await SendAsync(host, HttpMethod.Post, "/api/anything", bearer: "script");

        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        Assert.StartsWith("a POST needs the X-Orchestrator-Csrf header", await ErrorAsync(bare), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withCsrf.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withBearer.StatusCode);
    }

    [Theory]
    [InlineData("Origin", "https://attacker.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task ACrossSitePostIsRefusedEvenWithAValidToken(string header, string value)
    {
        await using var host = await ApiHost.StartAsync(Flows, WithToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/anything");
        request.Headers.Authorization = new("Bearer", Token);
        request.Headers.Add(header, value);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("a cross-site request cannot change anything here", await ErrorAsync(response));
    }

    [Theory]
    [InlineData("/api/workflows")]
    [InlineData("/api/nope")]
    [InlineData("/healthz")]
    [InlineData("/")]
    [InlineData("/runs/some-route")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        await using var host = await ApiHost.StartAsync(Flows);

        using var response = await host.Client.GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    private static Task<HttpResponseMessage> SendAsync(ApiHost host, HttpMethod method, string path, string? bearer = null, string? cookie = null,
        string? csrf = null, string? hostHeader = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
            request.Headers.Authorization = new("Bearer", bearer);
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        if (csrf is not null)
            request.Headers.Add("X-Orchestrator-Csrf", csrf);
        if (hostHeader is not null)
            request.Headers.Host = hostHeader;
        if (method == HttpMethod.Post)
            request.Content = JsonContent.Create(new { });
        return host.Client.SendAsync(request);
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
}

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Web.Api;
using Symbol.Orchestrator.Web.Telemetry;

namespace Symbol.Orchestrator.Web.Security;

/// <summary>
/// The security rules of docs/api.md, before any endpoint: the token (or, without one, a loopback <c>Host</c> header
/// against DNS rebinding), then for a POST: never cross-site, and either a bearer header or the anti-forgery header.
/// </summary>
internal sealed class RequestGate(RequestDelegate next, ApiAccess access, IAntiforgery antiforgery)
{
    /// <summary>The header a POST without a bearer token carries, holding what <c>GET /api/csrf</c> returned.</summary>
    public const string CsrfHeader = "X-Orchestrator-Csrf";

    public async Task InvokeAsync(HttpContext context)
    {
        if (Refusal(context) is { } refusal)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        if (HttpMethods.IsPost(context.Request.Method) && !IsSignIn(context.Request.Path) && BearerToken(context.Request) is null
            && !await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            await ApiError.Forbidden($"a POST needs the {CsrfHeader} header holding the token GET /api/csrf returns, or an Authorization: Bearer header")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }

    private IResult? Refusal(HttpContext context)
    {
        var request = context.Request;
        if (access.TokenRequired)
        {
            // The dashboard's own files hold no data and must load to ask for the token; health checks are for probes.
            if (IsApi(request.Path) && !IsSignIn(request.Path) && !access.Matches(BearerToken(request) ?? request.Cookies[ApiAccess.Cookie]))
                return ApiError.Unauthorized("this API needs its token: send Authorization: Bearer <token>, or sign in with POST /api/login");
        }
        // Without a token the host listens on loopback only; a page that rebinds its own name to 127.0.0.1 still sends that name.
        else if (!HttpListenUrls.IsLoopbackHost(request.Host.Host))
            return ApiError.Forbidden($"the Host header '{request.Host.Host}' does not name this machine; without Http:Token the API answers only to localhost, 127.0.0.1 and [::1]");
        if (HttpMethods.IsPost(request.Method) && IsCrossSite(request))
            return ApiError.Forbidden("a cross-site request cannot change anything here");
        return null;
    }

    // A browser says where a request comes from: Sec-Fetch-Site, and Origin on every POST.
    private static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
            return true;
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The bearer token of the <c>Authorization</c> header, or null. A browser sends one cross-site only after a CORS preflight, which this host never grants.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }

    // GET /metrics tells what runs here, as the API does: Prometheus sends the token as Authorization: Bearer.
    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(OpenTelemetrySetup.MetricsPath, StringComparison.OrdinalIgnoreCase);

    private static bool IsSignIn(PathString path) =>
        path.Equals("/api/login", StringComparison.OrdinalIgnoreCase) || path.Equals("/api/logout", StringComparison.OrdinalIgnoreCase);
}

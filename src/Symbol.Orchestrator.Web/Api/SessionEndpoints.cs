using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Symbol.Orchestrator.Web.Security;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// The dashboard's side of security: the anti-forgery token its POSTs carry, and signing in with the token once,
/// kept in an HTTP-only, same-site cookie (docs/api.md).
/// </summary>
internal static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/csrf", (HttpContext context, IAntiforgery antiforgery) =>
            Results.Json(new CsrfBody(antiforgery.GetAndStoreTokens(context).RequestToken!), ApiJson.Options));
        api.MapPost("/login", async (HttpContext context, ApiAccess access) =>
        {
            var body = await ApiBody.ReadAsync<LoginBody>(context).ConfigureAwait(false);
            if (body.Error is { } error)
                return error;
            if (!access.TokenRequired)
                return Results.Json(new SignInBody(false), ApiJson.Options);
            if (!access.Matches(body.Value?.Token))
                return ApiError.Unauthorized("the token is not this host's Http:Token");
            context.Response.Cookies.Append(ApiAccess.Cookie, body.Value!.Token!, Cookie(context));
            return Results.Json(new SignInBody(true), ApiJson.Options);
        });
        api.MapPost("/logout", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(ApiAccess.Cookie, Cookie(context));
            return Results.Json(new SignInBody(false), ApiJson.Options);
        });
    }

    private static CookieOptions Cookie(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}

internal sealed record CsrfBody(string Token);

internal sealed record LoginBody(string? Token);

/// <param name="TokenRequired">False when the host needs no token (loopback): there is nothing to sign in to.</param>
internal sealed record SignInBody(bool TokenRequired);

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Symbol.Orchestrator.Web.Dashboard;

/// <summary>
/// The dashboard: the files under <c>wwwroot/</c>, embedded in this assembly, served at <c>/</c>; any other path that
/// is not the API's gets <c>index.html</c>, so the dashboard's own routes (<c>/runs/etl@…</c>) load on a reload.
/// </summary>
internal static class DashboardFiles
{
    /// <summary>The embedded <c>wwwroot/</c>, with its folders.</summary>
    public static readonly IFileProvider Files = new ManifestEmbeddedFileProvider(typeof(DashboardFiles).Assembly, "wwwroot");

    public static void MapDashboard(this WebApplication app)
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        types.Mappings[".js"] = "text/javascript";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Files,
            ContentTypeProvider = types,
            // File names carry no version (no build step), so every load revalidates: a 304 by ETag, a new host's files at once.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapFallback(async context =>
        {
            var index = Files.GetFileInfo("index.html");
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) || !index.Exists)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers[HeaderNames.ContentLength] = index.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await using var stream = index.CreateReadStream();
            await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
    }
}

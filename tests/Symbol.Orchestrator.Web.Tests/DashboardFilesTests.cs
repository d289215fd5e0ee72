using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Web.Dashboard;

namespace Symbol.Orchestrator.Web.Tests;

public sealed class DashboardFilesTests
{
    [Fact]
    public async Task EveryEmbeddedDashboardFileIsServedWithItsContentTypeAndRevalidated()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string>());
        var files = Walk(DashboardFiles.Files, "/").ToArray();
        Assert.Contains("index.html", files);

        foreach (var file in files)
        {
            using var response = await host.Client.GetAsync("/" + file);
            Assert.True(response.IsSuccessStatusCode, $"/{file}: {response.StatusCode}");
            var expected = Path.GetExtension(file) switch
            {
                ".html" => "text/html",
                ".js" or ".mjs" => "text/javascript",
                ".css" => "text/css",
                ".svg" => "image/svg+xml",
                _ => response.Content.Headers.ContentType?.MediaType,
            };
            Assert.Equal((file, expected), (file, response.Content.Headers.ContentType?.MediaType));
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public void WithHttpDisabledTheHostOpensNoPort()
    {
        using var folder = new TempFolder();
        var config = folder.Write("orchestrator.json", """{ "Orchestrator": { "Http": { "Enabled": false, "Urls": "http://0.0.0.0:8686" } } }""");

        using var host = OrchestratorWebHost.Build(new HostArguments(config), new Dictionary<string, string>());

        Assert.Null(host.Services.GetService<IServer>());
        Assert.NotNull(host.Services.GetService<WorkflowHost>());
    }

    private static IEnumerable<string> Walk(IFileProvider files, string folder)
    {
        foreach (var entry in files.GetDirectoryContents(folder))
        {
            var path = folder == "/" ? entry.Name : $"{folder}/{entry.Name}";
            if (entry.IsDirectory)
                foreach (var inner in Walk(files, path))
                    yield return inner;
            else
                yield return path;
        }
    }
}

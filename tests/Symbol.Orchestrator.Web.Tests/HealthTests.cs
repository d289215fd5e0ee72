namespace Symbol.Orchestrator.Web.Tests;

public sealed class HealthTests
{
    private const string Hello = """
        workflow hello {
            schedule every 10s
            job greet { run ``` return 1; ``` }
        }
        """;

    [Fact]
    public async Task HealthzAndReadyzAnswerOnceTheHostHasStarted()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["hello.flow"] = Hello });

        var health = await host.GetJsonAsync("/healthz");
        var ready = await host.GetJsonAsync("/readyz");

        Assert.Equal((200, "ok"), (health.Status, health.Body.GetProperty("status").GetString()));
        Assert.Equal((200, "ready"), (ready.Status, ready.Body.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task AnUnknownApiPathIsA404WithAnErrorNotTheDashboard()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string>());

        var (status, body) = await host.GetJsonAsync("/api/nope");

        Assert.Equal(404, status);
        Assert.Equal("no API endpoint GET /api/nope (docs/api.md lists them)", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TheDashboardIsServedAtTheRootAndForItsOwnRoutes()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string>());

        using var root = await host.Client.GetAsync("/");
        using var route = await host.Client.GetAsync("/runs/hello@2027-03-01T12:00:00Z");

        Assert.Equal("text/html", root.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await root.Content.ReadAsStringAsync(), await route.Content.ReadAsStringAsync());
        Assert.Contains("<html", await route.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-cache", root.Headers.CacheControl?.ToString());
    }
}

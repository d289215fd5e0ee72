using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Web.Tests;

/// <summary>
/// The web application <c>orchestrator run</c> builds, on a test server instead of Kestrel, over a temp folder (an
/// <c>orchestrator.json</c>, the workflows, a SQLite store, the data folder) and a <see cref="FakeTimeProvider"/>.
/// Started and caught up (<c>/readyz</c> ready) when <see cref="StartAsync"/> returns.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    /// <summary>
    /// The present the host starts at, unless a test says otherwise: an odd second, so a workflow firing every 2 s (its
    /// grid is the even seconds) has nothing due at start and the clock, which tests do not advance, fires nothing.
    /// </summary>
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 1, TimeSpan.Zero);

    private readonly TempFolder _folder;
    private readonly WebApplication _app;

    private ApiHost(TempFolder folder, WebApplication app, FakeTimeProvider time)
    {
        _folder = folder;
        _app = app;
        Time = time;
        Client = app.GetTestClient();
    }

    public FakeTimeProvider Time { get; }

    /// <summary>A client on <c>http://localhost/</c>, as the dashboard on this machine is.</summary>
    public HttpClient Client { get; }

    public string Workflows => _folder.File("workflows");

    /// <summary>The host's own store: what the API reads.</summary>
    public IStateStore Store => _app.Services.GetRequiredService<HostSession>().Store;

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host over <paramref name="flows"/> (file name → text); <paramref name="environment"/> holds <c>ORCHESTRATOR_*</c> settings.</summary>
    public static async Task<ApiHost> StartAsync(IReadOnlyDictionary<string, string> flows, IReadOnlyDictionary<string, string>? environment = null, DateTimeOffset? now = null)
    {
        var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("workflows"));
        foreach (var (name, text) in flows)
            File.WriteAllText(Path.Combine(folder.File("workflows"), name), text);
        var config = folder.Write("orchestrator.json", """{ "Orchestrator": { "Workflows": "workflows", "State": "state.db", "Data": "data" } }""");
        var time = new FakeTimeProvider(now ?? Now);
        var arguments = new HostArguments(config);
        var builder = OrchestratorWebHost.CreateBuilder(OrchestratorConfiguration.Locate(arguments), arguments, environment ?? new Dictionary<string, string>());
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(time);
        var app = builder.Build();
        OrchestratorWebHost.UsePipeline(app);
        await app.StartAsync();
        var workflowHost = app.Services.GetRequiredService<WorkflowHost>();
        await Wait.UntilAsync(() => workflowHost.Ready, "the host to be ready");
        return new ApiHost(folder, app, time);
    }

    /// <summary>GETs <paramref name="path"/> and reads the JSON answer, whatever its status.</summary>
    public async Task<(int Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}

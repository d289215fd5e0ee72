using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Symbol.Orchestrator.Dashboard.Tests;

/// <summary>
/// A real <c>orchestrator run</c> on a temp copy of the bundled workflows (plus the test's own: a slow one, one full of
/// markup, a broken file), with a SQLite store in the temp folder, the API on a free port; and a headless Chromium.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    /// <summary>A file name that is markup: names in .flow files are identifiers, so this is where a name can carry it.</summary>
    public const string MarkupFileName = "<img src=x onerror=alert('file')>.flow";

    private readonly TempFolder _folder = new();
    private HostProcess? _host;
    private IPlaywright? _playwright;

    public Uri Url { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Api { get; } = new();
    public string Output => _host?.Output ?? "";

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
            return;
        Assert.True(File.Exists(Chromium.ExecutablePath), $"no Chromium at {Chromium.ExecutablePath}: apt-get install chromium (or set CHROMIUM_PATH)");
        var workflows = Path.Combine(_folder.Path, "workflows");
        CopyFolder(Path.Combine(RepositoryFolder.Path, "workflows"), workflows);
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "Workflows"), workflows);
        File.Move(Path.Combine(workflows, "markup.flow"), Path.Combine(workflows, MarkupFileName));
        File.WriteAllText(Path.Combine(workflows, "broken.flow"), "workflow broken {\n    shedule every 1m\n    job a { run ``` return 1; ``` }\n}\n");
        var config = _folder.Write("orchestrator.json", JsonSerializer.Serialize(new
        {
            Orchestrator = new
            {
                Workflows = workflows,
                State = Path.Combine(_folder.Path, "state", "state.db"),
                Data = Path.Combine(_folder.Path, "data"),
                Script = new { Timeout = "00:20:00" },
            },
        }));

        _host = HostProcess.Start(config); // on a free port of 127.0.0.1
        Url = new Uri(_host.Url);
        Api.BaseAddress = Url;
        await UntilReadyAsync();

        Assertions.SetDefaultExpectTimeout((float)Wait.Bound.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh page (its own cookies and storage) in the light or dark scheme, watching for script errors and dialogs.</summary>
    public Task<DashboardPage> OpenAsync(string path, ColorScheme scheme = ColorScheme.Light) => OpenAsync(Url, path, scheme);

    /// <summary>As <see cref="OpenAsync(string, ColorScheme)"/>, on another host's dashboard.</summary>
    public async Task<DashboardPage> OpenAsync(Uri host, string path, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = host.ToString(),
            ViewportSize = new() { Width = 1280, Height = 860 },
            ColorScheme = scheme,
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout((float)Wait.Bound.TotalMilliseconds);
        var page = new DashboardPage(context, await context.NewPageAsync());
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>Triggers <paramref name="workflow"/> through the API, as a script would, and returns the run's id.</summary>
    public async Task<string> TriggerAsync(string workflow)
    {
        var csrf = await Api.GetFromJsonAsync<JsonElement>("/api/csrf");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/workflows/{Uri.EscapeDataString(workflow)}/trigger")
        {
            Content = JsonContent.Create(new { }),
        };
        request.Headers.Add("X-Orchestrator-Csrf", csrf.GetProperty("token").GetString());
        using var response = await Api.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"trigger {workflow}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("runId").GetString()!;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        _host?.Dispose();
        Api.Dispose();
        _folder.Dispose();
    }

    private async Task UntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + Wait.Bound;
        while (true)
        {
            try
            {
                using var ready = await Api.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, $"the host was not ready within {Wait.Bound.TotalSeconds} s:\n{Output}");
            await Task.Delay(50);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

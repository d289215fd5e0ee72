using Microsoft.Playwright;

namespace Symbol.Orchestrator.Dashboard.Tests;

/// <summary>
/// A browser page on the dashboard that records what must never happen: an uncaught script error, a console error, a
/// dialog (an <c>alert</c> from markup that ran). Screenshots go to the test project's <c>TestResults/screenshots/</c>.
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    public static readonly string Screenshots =
        Path.Combine(RepositoryFolder.Path, "tests", "Symbol.Orchestrator.Dashboard.Tests", "TestResults", "screenshots");

    private readonly IBrowserContext _context;
    private readonly List<(string Text, bool FailedRequest)> _problems = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => Record($"script error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                Record($"console error: {message.Text} ({message.Location})", failedRequest: message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal));
        };
        page.Dialog += async (_, dialog) =>
        {
            Record($"a {dialog.Type} dialog opened: {dialog.Message}");
            await dialog.DismissAsync();
        };
    }

    public IPage Page { get; }

    public ILocator Main => Page.Locator("main");

    public Task GotoAsync(string path) => Page.GotoAsync(path);

    /// <summary>Saves the whole page as <c>name.png</c>.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Screenshots);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });
    }

    /// <summary>Fails with every script error, console error and dialog seen so far; a page that is refused on purpose
    /// (a 401 before signing in) passes <paramref name="allowFailedRequests"/>.</summary>
    public void AssertNothingWentWrong(bool allowFailedRequests = false)
    {
        lock (_problems)
        {
            var problems = _problems.Where(p => !allowFailedRequests || !p.FailedRequest).Select(p => p.Text).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private void Record(string problem, bool failedRequest = false)
    {
        lock (_problems)
            _problems.Add((problem, failedRequest));
    }
}

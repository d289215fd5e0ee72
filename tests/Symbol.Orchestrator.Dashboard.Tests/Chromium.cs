namespace Symbol.Orchestrator.Dashboard.Tests;

/// <summary>
/// The system's Chromium, which Playwright drives as its browser (Playwright's own download does not work offline):
/// <c>CHROMIUM_PATH</c>, else <c>/usr/bin/chromium</c>. Without it the browser tests skip, saying how to get it, unless
/// <c>REQUIRE_BROWSER_TESTS=1</c> (CI) makes them fail instead.
/// </summary>
internal static class Chromium
{
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string? SkipReason { get; } =
        File.Exists(ExecutablePath) || Environment.GetEnvironmentVariable("REQUIRE_BROWSER_TESTS") == "1"
            ? null
            : $"no Chromium at {ExecutablePath}: apt-get install chromium (or set CHROMIUM_PATH); REQUIRE_BROWSER_TESTS=1 makes this a failure";
}

/// <summary>A test in a real browser: skipped with <see cref="Chromium.SkipReason"/> when there is none.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Chromium.SkipReason;
}

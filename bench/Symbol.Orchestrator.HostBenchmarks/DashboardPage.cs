using System.Diagnostics;
using Microsoft.Playwright;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// The dashboard's runs page in the system's headless Chromium (Playwright, never its own browser download): from the
/// start of the navigation, in a fresh browser context (nothing cached), to the first row of runs on screen.
/// </summary>
internal static class DashboardPage
{
    /// <summary>What the runs page shows once the API has answered: a row of its runs table.</summary>
    public const string RunRow = "[data-run-id]";

    public static void Measure(Uri host, int samples)
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Console.WriteLine($"dashboard runs page: not measured: no Chromium at {chromium} (apt-get install chromium, or set CHROMIUM_PATH)");
            return;
        }
        using var playwright = Playwright.CreateAsync().GetAwaiter().GetResult();
        var browser = playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] })
            .GetAwaiter().GetResult();
        var times = new List<double>();
        for (var i = 0; i < samples + 1; i++)
        {
            var context = browser.NewContextAsync().GetAwaiter().GetResult();
            var page = context.NewPageAsync().GetAwaiter().GetResult();
            var clock = Stopwatch.StartNew();
            page.GotoAsync(new Uri(host, "/runs").ToString()).GetAwaiter().GetResult();
            page.WaitForSelectorAsync(RunRow, new() { Timeout = 30_000 }).GetAwaiter().GetResult();
            if (i > 0) // the first load pays the host's JIT for the dashboard's files
                times.Add(clock.Elapsed.TotalMilliseconds);
            context.CloseAsync().GetAwaiter().GetResult();
        }
        browser.CloseAsync().GetAwaiter().GetResult();
        Console.WriteLine($"dashboard runs page, navigation to first run on screen: median {Stats.Ms(Stats.Median(times))} ms, "
            + $"max {Stats.Ms(times.Max())} ms ({times.Count} fresh browser contexts)");
    }
}

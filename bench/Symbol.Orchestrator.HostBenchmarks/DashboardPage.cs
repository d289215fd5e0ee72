using System.Diagnostics;
using Microsoft.Playwright;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// The dashboard's runs page in the system's headless Chromium (Playwright, never its own browser download): from the
/// start of the navigation, in a fresh browser context (nothing cached), to the first row of runs on screen, by the page's
/// own clock (<c>performance.now()</c>) and, for comparison, by the harness's stopwatch around the Playwright calls.
/// </summary>
internal static class DashboardPage
{
    /// <summary>What the runs page shows once the API has answered: a row of its runs table.</summary>
    public const string RunRow = "[data-run-id]";

    public static void Measure(Uri host, int samples, string condition)
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
        var inPage = new List<double>();
        var outside = new List<double>();
        var timelines = new List<(double Ms, string Timeline)>();
        for (var i = 0; i < samples + 1; i++)
        {
            var context = browser.NewContextAsync().GetAwaiter().GetResult();
            var page = context.NewPageAsync().GetAwaiter().GetResult();
            var clock = Stopwatch.StartNew();
            page.GotoAsync(new Uri(host, "/runs").ToString(), new() { WaitUntil = WaitUntilState.Commit }).GetAwaiter().GetResult();
            // The page's own clock (0 = its navigation's start), read at the first animation frame that has a row: what a
            // person waits for. The harness's stopwatch also counts Playwright's round trips to its driver and the browser.
            var found = page.WaitForFunctionAsync($"() => document.querySelector('{RunRow}') ? performance.now() : null", null,
                new() { Timeout = 30_000, PollingInterval = null }).GetAwaiter().GetResult();
            var ms = found.JsonValueAsync<double>().GetAwaiter().GetResult();
            if (i > 0) // the first load pays the host's JIT for the dashboard's files
            {
                inPage.Add(ms);
                outside.Add(clock.Elapsed.TotalMilliseconds);
                timelines.Add((ms, page.EvaluateAsync<string>(Timeline).GetAwaiter().GetResult()));
            }
            context.CloseAsync().GetAwaiter().GetResult();
        }
        browser.CloseAsync().GetAwaiter().GetResult();
        Console.WriteLine($"dashboard runs page {condition}, navigation start to first run on screen by the page's clock: median {Stats.Ms(Stats.Median(inPage))} ms, "
            + $"max {Stats.Ms(inPage.Max())} ms; by the harness's stopwatch around Playwright: median {Stats.Ms(Stats.Median(outside))} ms "
            + $"({inPage.Count} fresh browser contexts)");
        // Where the time of the median and the slowest load went: each request's start and end by the page's clock.
        var ordered = timelines.OrderBy(t => t.Ms).ToList();
        Console.WriteLine($"  the median load: {ordered[ordered.Count / 2].Timeline}");
        Console.WriteLine($"  the slowest load: {ordered[^1].Timeline}");
    }

    // The document and each resource as "name start–end" (ms from the navigation's start), in the order they started.
    private const string Timeline = """
        () => {
          const nav = performance.getEntriesByType('navigation')[0];
          const parts = [`document 0–${nav.responseEnd.toFixed(0)}, DOMContentLoaded ${nav.domContentLoadedEventEnd.toFixed(0)}`];
          for (const r of performance.getEntriesByType('resource'))
            parts.push(`${new URL(r.name).pathname.replace('/js/', '')}${new URL(r.name).search} ${r.startTime.toFixed(0)}–${r.responseEnd.toFixed(0)}`);
          return parts.join('; ');
        }
        """;
}

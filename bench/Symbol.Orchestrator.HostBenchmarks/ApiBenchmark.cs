using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// Issue 14's load on the HTTP API: one host on SQLite with <c>--workflows</c> workflows on <c>* * * * * *</c>, HTTP on
/// a free port. Three measurements, in this order, on the same host:
/// <list type="number">
/// <item>what open event streams cost: the host's CPU over windows of <c>--seconds</c> with no client, with <c>--clients</c>
/// clients holding the stream a dashboard's list page opens (the once-a-second <c>changes</c> digest and reloads), and with
/// as many reading every event (the heaviest a client can ask for), alternated <c>--runs</c> times;</item>
/// <item>once the store holds <c>--stored</c> runs (the host keeps firing): the latency of <c>GET /api/runs</c> pages,
/// unfiltered, by workflow, by status and deep in the history by cursor;</item>
/// <item>the dashboard's runs page in headless Chromium: from navigation to its first row of runs on screen, while the
/// workflows fire, then once their files are deleted (the runs stay in the store).</item>
/// </list>
/// </summary>
internal static partial class ApiBenchmark
{
    private const int Samples = 300;

    public static void Run(Settings settings)
    {
        Console.WriteLine($"## api: {settings.Workflows} workflows on cron \"{Corpus.EverySecond}\" (SQLite), {settings.Clients} event-stream clients, "
            + $"{settings.Stored:N0} runs stored, windows of {settings.Seconds} s × {settings.Runs}");
        using var host = new HostUnderTest(settings, TimeSpan.FromSeconds(10));
        Corpus.Write(host.Workflows, settings.Workflows, Corpus.EverySecond);
        host.Start();
        var url = new Uri(UrlLine().Match(host.WaitFor("Dashboard and API on ", TimeSpan.FromSeconds(60)).Text).Groups[1].Value);
        host.WaitFor("Started", TimeSpan.FromSeconds(120));
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };

        MeasureStreams(settings, host, url);
        WaitForRuns(http, settings.Stored);
        MeasurePages(http, Corpus.Name(settings.Workflows / 2));
        // The workflows page's one request: every workflow with its next fires and its last run.
        var workflows = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            var clock = Stopwatch.StartNew();
            using var page = GetJson(http, "/api/workflows");
            if (i >= 5)
                workflows.Add(clock.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"GET /api/workflows ({settings.Workflows} workflows): median {Stats.Ms(Stats.Median(workflows))} ms, max {Stats.Ms(workflows.Max())} ms ({workflows.Count} requests)");
        DashboardPage.Measure(url, settings.Runs * 5, $"while {settings.Workflows} workflows fire every second");
        // The issue's condition for the page is the stored runs alone: the same store, once the host has nothing to fire.
        foreach (var file in Directory.EnumerateFiles(host.Workflows, "*.flow"))
            File.Delete(file);
        WaitUntilNoWorkflows(http);
        DashboardPage.Measure(url, settings.Runs * 5, "with nothing firing (the workflows removed, their runs kept)");
        host.Stop();
    }

    // The streams measured: what a dashboard's runs or workflows page opens, and everything a client can ask for.
    private static readonly (string Name, string Path)[] Streams =
    [
        ("dashboard list page (?types=changes,reload)", "/api/events?types=changes,reload"),
        ("every event (no filter)", "/api/events"),
    ];

    // Host CPU per second without and with the clients, alternated so a drift of the machine's load hits all alike.
    private static void MeasureStreams(Settings settings, HostUnderTest host, Uri url)
    {
        var idle = new List<double>();
        var streaming = Streams.Select(_ => new List<double>()).ToArray();
        var events = new long[Streams.Length];
        Thread.Sleep(TimeSpan.FromSeconds(5)); // past start-up's JIT and catch-up
        for (var round = 1; round <= settings.Runs; round++)
        {
            idle.Add(CpuShare(host, settings.Seconds));
            var line = $"  round {round}: host CPU {Pct(idle[^1])} with no client";
            for (var s = 0; s < Streams.Length; s++)
            {
                using var clients = new EventClients(url, settings.Clients, Streams[s].Path);
                clients.WaitConnected(TimeSpan.FromSeconds(30));
                streaming[s].Add(CpuShare(host, settings.Seconds));
                events[s] += clients.Events;
                line += $"; {Pct(streaming[s][^1])} with {settings.Clients} on {Streams[s].Name} ({clients.Events:N0} events read, {clients.Failures} failures)";
            }
            Console.WriteLine(line);
        }
        var quiet = Stats.Median(idle);
        for (var s = 0; s < Streams.Length; s++)
        {
            var added = Stats.Median(streaming[s]) - quiet;
            // The host's own load swings by tens of points between windows; the difference within each round is steadier.
            var paired = Stats.Median(streaming[s].Select((cpu, round) => cpu - idle[round]).ToList());
            Console.WriteLine($"event streams, {Streams[s].Name}: host CPU median {Pct(quiet)} of one core with no client, {Pct(Stats.Median(streaming[s]))} with "
                + $"{settings.Clients}: +{Pct(added)} of one core, +{Pct(added / quiet)} relative; median of the rounds' differences +{Pct(paired)} of one core "
                + $"({events[s]:N0} events delivered)");
        }
    }

    private static double CpuShare(HostUnderTest host, int seconds)
    {
        var wall = Stopwatch.StartNew();
        var before = CpuTime.Process(host.Pid);
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        return (CpuTime.Process(host.Pid) - before) / wall.Elapsed.TotalSeconds;
    }

    private static void WaitUntilNoWorkflows(HttpClient http)
    {
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            using var list = GetJson(http, "/api/workflows");
            if (list.RootElement.GetProperty("workflows").GetArrayLength() == 0)
                break;
            if (waiting.Elapsed > TimeSpan.FromMinutes(2))
                throw new TimeoutException("the host still had workflows 2 minutes after their files were deleted");
            Thread.Sleep(500);
        }
        Thread.Sleep(TimeSpan.FromSeconds(3)); // the last runs end
    }

    private static void WaitForRuns(HttpClient http, int stored)
    {
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            var count = CountRuns(http, stored);
            if (count >= stored)
                break;
            Console.WriteLine($"  {count:N0} runs stored after {waiting.Elapsed.TotalSeconds:0} s; waiting for {stored:N0}");
            Thread.Sleep(TimeSpan.FromSeconds(Math.Clamp((stored - count) / 1000, 5, 60)));
        }
    }

    // Pages through the whole history (500 a page) until `atLeast` runs were seen; how many there are, up to that.
    private static int CountRuns(HttpClient http, int atLeast)
    {
        var seen = 0;
        string? cursor = null;
        do
        {
            using var page = GetJson(http, Path(limit: 500, before: cursor));
            seen += page.RootElement.GetProperty("runs").GetArrayLength();
            cursor = page.RootElement.GetProperty("next").GetString();
        }
        while (cursor is not null && seen < atLeast);
        return seen;
    }

    private static void MeasurePages(HttpClient http, string workflow)
    {
        Report("first page, 50 runs", Time(http, _ => Path()));
        Report($"first page of one workflow ({workflow})", Time(http, _ => Path(workflow: workflow)));
        Report("first page of status succeeded", Time(http, _ => Path(status: "succeeded")));
        Report("first page of status failed (none: the whole index is read)", Time(http, _ => Path(status: "failed")));
        // Deep pages: follow the cursor from the newest run, each page timed, wrapping around at the end of the history.
        string? cursor = null;
        Report("next page by cursor, walking back through the history", Time(http, _ => Path(before: cursor), body =>
        {
            using var page = JsonDocument.Parse(body);
            cursor = page.RootElement.GetProperty("next").GetString();
        }));
    }

    private static List<double> Time(HttpClient http, Func<int, string> path, Action<string>? read = null)
    {
        var times = new List<double>();
        for (var i = 0; i < Samples + 20; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = http.GetAsync(path(i)).GetAwaiter().GetResult();
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var ms = clock.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {path(i)}: {(int)response.StatusCode} {body}");
            read?.Invoke(body);
            if (i >= 20) // the first requests pay the JIT
                times.Add(ms);
        }
        return times;
    }

    private static void Report(string what, List<double> ms) =>
        Console.WriteLine($"GET /api/runs, {what}: p50 {Stats.Ms(Stats.Percentile(ms, 50))} ms, p99 {Stats.Ms(Stats.Percentile(ms, 99))} ms, max {Stats.Ms(ms.Max())} ms ({ms.Count} requests)");

    private static string Path(int limit = 50, string? workflow = null, string? status = null, string? before = null)
    {
        var query = $"/api/runs?limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (workflow is not null)
            query += "&workflow=" + Uri.EscapeDataString(workflow);
        if (status is not null)
            query += "&status=" + status;
        if (before is not null)
            query += "&before=" + Uri.EscapeDataString(before);
        return query;
    }

    private static JsonDocument GetJson(HttpClient http, string path)
    {
        using var response = http.GetAsync(path).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(body) : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
    }

    private static string Pct(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Dashboard and API on (\S+)")]
    private static partial Regex UrlLine();
}

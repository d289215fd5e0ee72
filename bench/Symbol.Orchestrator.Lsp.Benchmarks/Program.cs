using System.Diagnostics;
using System.Globalization;
using Symbol.Orchestrator.Lsp.Benchmarks;
using Symbol.Orchestrator.Testing;

// Diagnostics latency over real stdio: the time from a didChange sent to the publishDiagnostics of that version.
// Usage: dotnet run -c Release --project bench/Symbol.Orchestrator.Lsp.Benchmarks -- [--files N] [--edits M] [--warmup W] [--watch]
// --watch: the client says it can watch files, as VS Code does, so the server lists the folder once, not per change.
int others = Option("--files", 100), edits = Option("--edits", 200), warmup = Option("--warmup", 20);
bool watch = args.Contains("--watch");

var folder = FlowFolder.Create(others);
try
{
    var path = FlowFolder.EditedPath(folder);
    var uri = new Uri(path).AbsoluteUri;
    var text = File.ReadAllText(path);
    int line = FlowFolder.LastEdgeLine(text);
    Console.WriteLine($"{text.Split('\n').Length - 1} lines edited, {others} other files ({others * 4} workflows), {edits} edits after {warmup} to warm up{(watch ? ", files watched by the client" : "")}");

    using var server = LspClient.Start();
    object capabilities = watch ? new { workspace = new { didChangeWatchedFiles = new { dynamicRegistration = true } } } : new { };
    await server.RequestAsync("initialize", new { processId = Environment.ProcessId, rootUri = new Uri(folder).AbsoluteUri, capabilities });
    server.Notify("initialized", new { });
    server.Notify("textDocument/didOpen", new { textDocument = new { uri, languageId = "flow", version = 1, text } });

    // Each edit renames the last edge's target ("-> load" becomes "-> load7"): an unknown job, a new message each time,
    // so every version is published. The edit replaces the line, as an editor's incremental change does.
    var times = new List<double>();
    for (int k = 0; k < warmup + edits; k++)
    {
        int version = k + 2;
        var edge = $"    extract -> transform -> load{k}";
        var published = server.DiagnosticsOfVersionAsync(uri, version);
        var clock = Stopwatch.StartNew();
        server.Notify("textDocument/didChange", new
        {
            textDocument = new { uri, version },
            contentChanges = new[] { new { range = new { start = new { line, character = 0 }, end = new { line, character = 999 } }, text = edge } },
        });
        var diagnostics = await published;
        clock.Stop();
        if (diagnostics.Count != 1)
            throw new InvalidOperationException($"version {version}: expected the one unknown job, got {diagnostics.ToJsonString()}");
        if (k >= warmup)
            times.Add(clock.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"change → publishDiagnostics: median {Percentile(0.5):F1} ms, p95 {Percentile(0.95):F1} ms, min {times[0]:F1} ms, max {times[^1]:F1} ms"));
    await server.RequestAsync("shutdown", null);
    server.Notify("exit", null);

    double Percentile(double p) => times[(int)Math.Min(times.Count - 1, Math.Ceiling(p * times.Count) - 1)];
}
finally
{
    Directory.Delete(folder, recursive: true);
}

int Option(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

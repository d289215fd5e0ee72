using System.Diagnostics;
using System.Globalization;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>One line of the host's output and when the harness read it, on <see cref="HostUnderTest.Clock"/>.</summary>
internal readonly record struct Line(int Index, TimeSpan At, string Text);

/// <summary>
/// A temp folder (its own <c>orchestrator.json</c>, workflows folder, data folder and SQLite state) and
/// <c>dotnet orchestrator.dll run --config FILE</c> started on it as a child process. Every output line is kept with
/// the moment the harness read it, so a measurement can wait for a line and know when it came.
/// </summary>
internal sealed class HostUnderTest : IDisposable
{
    /// <summary>The harness's one clock: every interval it prints is a difference of two readings of this.</summary>
    public static readonly Stopwatch Clock = Stopwatch.StartNew();

    private readonly List<Line> _lines = [];
    private Process? _process;

    /// <remarks>HTTP on a free port (printed in the host's first line), so hosts side by side never compete for one.</remarks>
    /// <param name="state">The <c>State</c> setting: a PostgreSQL URL, or null for the folder's own SQLite file.</param>
    /// <param name="workflows">A workflows folder shared with other hosts, or null for the folder's own.</param>
    /// <param name="otlp">An OTLP collector (http/protobuf) to export traces, metrics and logs to, or null for none.</param>
    public HostUnderTest(Settings settings, TimeSpan shutdownGrace, string? state = null, string owner = "hostbench", string? workflows = null, Uri? otlp = null)
    {
        Workflows = workflows ?? Path.Combine(Folder, "workflows");
        Directory.CreateDirectory(Workflows);
        var extra = settings.MaxParallelJobs is { } n ? $", \"MaxParallelJobs\": {n}" : "";
        extra += otlp is null ? "" : $", \"Telemetry\": {{ \"Otlp\": {{ \"Endpoint\": \"{otlp.GetLeftPart(UriPartial.Authority)}\", \"Protocol\": \"http/protobuf\" }} }}";
        File.WriteAllText(Config, $$"""
            { "Orchestrator": { "Workflows": "{{Workflows}}", "State": "{{state ?? "state/state.db"}}", "Data": "data",
                                "ShutdownGrace": "{{shutdownGrace:c}}", "ReloadDebounce": "{{settings.Debounce:c}}", "Owner": "{{owner}}"{{extra}},
                                "Http": { "Urls": "http://127.0.0.1:0" } } }
            """);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("symbol-hostbench-").FullName;

    public string Config => Path.Combine(Folder, "orchestrator.json");

    public string Workflows { get; }

    public string StatePath => Path.Combine(Folder, "state", "state.db");

    public int Pid => _process?.Id ?? throw new InvalidOperationException("not started");

    /// <summary>When <see cref="Start"/> called Process.Start, on <see cref="Clock"/> and on the wall clock.</summary>
    public TimeSpan StartedAt { get; private set; }

    public DateTimeOffset StartedAtWall { get; private set; }

    public bool HasExited => _process?.HasExited ?? false;

    public static string OrchestratorDll => Path.Combine(AppContext.BaseDirectory, "orchestrator.dll");

    /// <summary>Writes a file in one rename, as a careful editor does; the temp name is not a <c>.flow</c>, so the watcher sees one event.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp~";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    public void Start()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { OrchestratorDll, "run", "--config", Config })
            info.ArgumentList.Add(arg);
        StartedAtWall = DateTimeOffset.UtcNow;
        StartedAt = Clock.Elapsed;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Add(string? text)
    {
        if (text is null)
            return;
        var at = Clock.Elapsed;
        lock (_lines)
        {
            _lines.Add(new Line(_lines.Count, at, text));
            Monitor.PulseAll(_lines);
        }
    }

    public IReadOnlyList<Line> Lines
    {
        get
        {
            lock (_lines)
                return _lines.ToArray();
        }
    }

    public int LineCount
    {
        get
        {
            lock (_lines)
                return _lines.Count;
        }
    }

    /// <summary>The first line from index <paramref name="from"/> on that contains <paramref name="text"/>; throws with the output's tail after <paramref name="timeout"/>.</summary>
    public Line WaitFor(string text, TimeSpan timeout, int from = 0)
    {
        var deadline = Clock.Elapsed + timeout;
        lock (_lines)
        {
            var i = from;
            while (true)
            {
                for (; i < _lines.Count; i++)
                    if (_lines[i].Text.Contains(text, StringComparison.Ordinal))
                        return _lines[i];
                var left = deadline - Clock.Elapsed;
                if (left <= TimeSpan.Zero || HasExited)
                    throw new TimeoutException($"no '{text}' from the host after {timeout.TotalSeconds:0} s{(HasExited ? " (it exited)" : "")}; its last lines:\n{Tail()}");
                // Woken by each new line; the cap notices a host that exited without one.
                Monitor.Wait(_lines, left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
            }
        }
    }

    private string Tail() => string.Join("\n", _lines.TakeLast(20).Select(l => l.Text.Length > 400 ? l.Text[..400] + "…" : l.Text));

    /// <summary>VmRSS of the host from /proc, in MiB; null once it has gone.</summary>
    public double? RssMib()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>SIGTERM, as Ctrl+C would, then the exit; killed if it is not gone in a minute.</summary>
    public void Stop()
    {
        if (_process is null || _process.HasExited)
            return;
        using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit(); // flushes the redirected output
    }

    public void Dispose()
    {
        try
        {
            if (_process is { HasExited: false })
                _process.Kill(entireProcessTree: true);
            _process?.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Symbol.Orchestrator.Testing;

/// <summary>
/// The host as a child process (<c>dotnet orchestrator.dll run --config FILE</c>, or any command that runs it), its
/// output kept line by line so a test can wait for a log line. Always killed on dispose. Every host it starts listens
/// on a free port (<see cref="FreePortVariable"/>), so hosts of tests running side by side, and a user's host on 8686,
/// never meet; <see cref="Url"/> is the address it printed.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private HostProcess(Process process) => _process = process;

    /// <summary>Starts <c>orchestrator run --config <paramref name="config"/></c> from the orchestrator.dll beside the tests.</summary>
    public static HostProcess Start(string config) =>
        Start("dotnet", Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "run", "--config", config);

    /// <summary>As <see cref="Start(string)"/> with <c>--verbose</c>: the host also logs a line per job attempt.</summary>
    public static HostProcess StartVerbose(string config) =>
        Start("dotnet", Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "run", "--config", config, "--verbose");

    /// <summary>The variable (and value) that gives a host's API a free port of 127.0.0.1.</summary>
    public static readonly KeyValuePair<string, string> FreePortVariable = new("ORCHESTRATOR_Http__Urls", "http://127.0.0.1:0");

    /// <summary>What a host's first line starts with, before its address.</summary>
    public const string ListeningText = "Dashboard and API on ";

    /// <summary>Starts <paramref name="program"/> with <paramref name="args"/>, e.g. an installed <c>orchestrator</c> command.</summary>
    public static HostProcess Start(string program, params string[] args) => Start(new Dictionary<string, string>(), program, args);

    /// <summary>As <see cref="Start(string, string[])"/>, with <paramref name="environment"/> added to this process's variables (one given here wins over <see cref="FreePortVariable"/>).</summary>
    public static HostProcess Start(IReadOnlyDictionary<string, string> environment, string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment[FreePortVariable.Key] = FreePortVariable.Value;
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        var host = new HostProcess(Process.Start(info)!);
        host._process.OutputDataReceived += (_, e) => { if (e.Data is not null) host._lines.Enqueue(e.Data); };
        host._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host._lines.Enqueue(e.Data); };
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join("\n", _lines);

    /// <summary>The child's peak resident memory so far (<c>VmHWM</c> in /proc; Linux only), in bytes.</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The address the host said it listens on (its first line), waiting for it.</summary>
    public string Url
    {
        get
        {
            WaitFor(ListeningText);
            var line = _lines.First(l => l.Contains(ListeningText, StringComparison.Ordinal));
            return line[(line.IndexOf(ListeningText, StringComparison.Ordinal) + ListeningText.Length)..].Split(',')[0].Trim();
        }
    }

    /// <summary>The lines written so far, in order.</summary>
    public IReadOnlyList<string> Lines => _lines.ToArray();

    public int Count(string text) => _lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    public void WaitFor(string text, int atLeast = 1) =>
        Wait.Until(() => Count(text) >= atLeast, $"{atLeast}× '{text}' in the host's output", () => Output);

    /// <summary>Sends <paramref name="signal"/> (<c>TERM</c>, <c>KILL</c>) with <c>kill</c>: POSIX only, so its tests are <see cref="PosixFactAttribute"/>s.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public int WaitForExit()
    {
        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(60)), $"the host did not exit; it wrote:\n{Output}");
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}

using System.Text.Json.Nodes;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.State.Postgres;

namespace Symbol.Orchestrator.Testing;

/// <summary>
/// Several <c>orchestrator run</c> hosts as real processes on one fresh PostgreSQL database: one workflows folder and one
/// data folder, and a configuration file per host (<c>host-a.json</c>, …) that differs only in its <c>Owner</c>. Hosts
/// can be killed, frozen and thawed one by one; the store is read through <see cref="PostgresStateStore"/>.
/// Every host still running is killed on dispose. Each host's API listens on a free port (<see cref="HostProcess.Url"/>).
/// </summary>
public sealed class PostgresHosts : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, HostProcess> _hosts = new(StringComparer.Ordinal);

    private PostgresHosts(string url) => Url = url;

    /// <summary>The database's URL, as each host's <c>State</c> names it.</summary>
    public string Url { get; }

    public string WorkflowsPath => Path.Combine(_folder.Path, "workflows");

    public string DataPath => Path.Combine(_folder.Path, "data");

    public HostProcess this[string owner] => _hosts[owner];

    /// <summary>
    /// A fresh database and folder, and a configuration for each of <paramref name="owners"/>. <paramref name="lease"/>
    /// (<c>00:00:04</c>) sets <c>Lease</c>; left out, hosts keep the default.
    /// </summary>
    public static async Task<PostgresHosts> CreateAsync(string[] owners, string? lease = null, string shutdownGrace = "00:00:10")
    {
        var hosts = new PostgresHosts(PrivatePostgres.Url(await PrivatePostgres.CreateDatabaseAsync()));
        Directory.CreateDirectory(hosts.WorkflowsPath);
        Directory.CreateDirectory(hosts.DataPath);
        foreach (var owner in owners)
        {
            var settings = new JsonObject
            {
                ["Workflows"] = "workflows",
                ["Data"] = "data",
                ["State"] = hosts.Url,
                ["Owner"] = owner,
                ["ShutdownGrace"] = shutdownGrace,
            };
            if (lease is not null)
                settings["Lease"] = lease;
            File.WriteAllText(hosts.Config(owner), new JsonObject { ["Orchestrator"] = settings }.ToJsonString());
        }
        return hosts;
    }

    public string Config(string owner) => Path.Combine(_folder.Path, $"{owner}.json");

    public string DataFile(string name) => Path.Combine(DataPath, name);

    /// <summary>The lines of a file in the data folder the jobs write to; none while it does not exist.</summary>
    public string[] DataLines(string name) => File.Exists(DataFile(name)) ? File.ReadAllLines(DataFile(name)) : [];

    /// <summary>Writes a workflow file in one rename, so a host never reads half of it.</summary>
    public void WriteFlow(string name, string text)
    {
        var path = Path.Combine(WorkflowsPath, name);
        File.WriteAllText(path + ".tmp~", text);
        File.Move(path + ".tmp~", path, overwrite: true);
    }

    /// <summary>Starts every configured host (or <paramref name="owners"/>) and waits until each has started.</summary>
    public void Start(params string[] owners)
    {
        var starting = owners.Length > 0 ? owners : Directory.GetFiles(_folder.Path, "*.json").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        foreach (var owner in starting)
            _hosts[owner!] = HostProcess.Start(Config(owner!));
        foreach (var owner in starting)
        {
            // A host that refuses to start (a bad setting) exits at once: say why then, not after the wait's bound.
            var host = _hosts[owner!];
            Wait.Until(() => host.Count("Started: ") > 0 || host.HasExited, $"{owner} to start", () => host.Output);
            Assert.True(host.Count("Started: ") > 0, $"{owner} exited instead of starting:\n{host.Output}");
        }
    }

    /// <summary><c>kill -9</c>: the host ends at once, leaving its runs leased to it.</summary>
    public void Kill(string owner)
    {
        _hosts[owner].Signal("KILL");
        _hosts[owner].WaitForExit();
    }

    /// <summary>SIGSTOP: the host is frozen, its leases no longer renewed, as in a long GC pause.</summary>
    public void Freeze(string owner) => _hosts[owner].Signal("STOP");

    /// <summary>SIGCONT: a frozen host goes on where it was.</summary>
    public void Thaw(string owner) => _hosts[owner].Signal("CONT");

    /// <summary>Stops every host still running as Ctrl+C would (SIGTERM), and waits for each to exit 0.</summary>
    public void StopAll()
    {
        var running = _hosts.Where(h => !h.Value.HasExited).ToList();
        foreach (var (_, host) in running)
            host.Signal("TERM");
        foreach (var (owner, host) in running)
            Assert.True(host.WaitForExit() == 0, $"{owner} did not stop cleanly:\n{host.Output}");
    }

    /// <summary>The store the hosts share, to read what they recorded.</summary>
    public async Task<PostgresStateStore> OpenStoreAsync() => await PostgresStateStore.OpenAsync(PostgresUrl.Parse(Url), TimeProvider.System);

    /// <summary>Every run in the store, with its jobs and attempts.</summary>
    public async Task<IReadOnlyList<StoredRun>> ReadRunsAsync()
    {
        await using var store = await OpenStoreAsync();
        var runs = new List<StoredRun>();
        foreach (var run in await store.ListRunsAsync(null, int.MaxValue))
            runs.Add(new StoredRun(run, await store.GetJobsAsync(run.RunId), await store.GetAttemptsAsync(run.RunId)));
        return runs;
    }

    /// <summary>How many lines of all the hosts' output, together, hold <paramref name="text"/>.</summary>
    public int Count(string text) => _hosts.Values.Sum(h => h.Count(text));

    /// <summary>Waits until the hosts together wrote <paramref name="text"/> <paramref name="atLeast"/> times.</summary>
    public void WaitFor(string text, int atLeast = 1) =>
        Wait.Until(() => Count(text) >= atLeast, $"{atLeast}× '{text}' in the hosts' output", Output);

    /// <summary>Every host's output, named, to explain a failure.</summary>
    public string Output() => string.Join("\n", _hosts.Select(h => $"--- {h.Key}:\n{h.Value.Output}"));

    public ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            host.Dispose(); // a frozen process ends on SIGKILL too
        }
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A run as the store holds it, with its jobs and every attempt.</summary>
public sealed record StoredRun(RunRecord Run, IReadOnlyList<JobRecord> Jobs, IReadOnlyList<AttemptRecord> Attempts);

using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State.Postgres;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Section <c>Orchestrator</c> of <c>orchestrator.json</c> (docs/configuration.md), overridden by <c>ORCHESTRATOR_*</c> environment
/// variables and the <c>--workflows</c>, <c>--state</c>, <c>--data</c> flags. After binding, relative paths are
/// relative to the configuration file's folder (<see cref="ConfigFolder"/>). The sandbox's and the executor's defaults
/// are their options types' (<see cref="SandboxOptions"/>, <see cref="ExecutorOptions"/>), written there only.
/// </summary>
public sealed class OrchestratorOptions
{
    public const string Section = "Orchestrator";

    public string Workflows { get; set; } = "workflows";

    /// <summary>The SQLite state store's file, or a PostgreSQL database's <c>postgres://</c> URL.</summary>
    public string State { get; set; } = ".orchestrator/state.db";

    /// <summary>The folder scripts' <c>files</c> API is rooted at.</summary>
    public string Data { get; set; } = "data";

    public int MaxParallelJobs { get; set; } = ExecutorOptions.Default.MaxParallelJobs;

    public int CatchupLimit { get; set; } = 100;

    /// <summary>The zone of workflows that name none (an IANA or Windows id).</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>How long running jobs may finish after Ctrl+C / SIGTERM before they are cancelled and recorded as interrupted.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a burst of file changes must be quiet before the folder is recompiled.</summary>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The lease owner written to the store: <c>machine-name:pid</c> unless set.</summary>
    public string Owner { get; set; } = ExecutorOptions.Default.Owner;

    /// <summary>How long a run's lease lasts unless renewed (every third of it); another host takes over a run whose lease ran out.</summary>
    public TimeSpan Lease { get; set; } = ExecutorOptions.Default.Lease;

    public ScriptSettings Script { get; set; } = new();

    public HttpSettings Http { get; set; } = new();

    public EnvSettings Env { get; set; } = new();

    public TelemetrySettings Telemetry { get; set; } = new();

    /// <summary>The folder relative paths are resolved against: the configuration file's, else the working directory.</summary>
    // Not a setting: an internal setter keeps it out of the configuration binder and out of the known keys.
    public string ConfigFolder { get; internal set; } = Directory.GetCurrentDirectory();

    public string WorkflowsPath => Path.GetFullPath(Workflows, ConfigFolder);

    /// <summary>The SQLite store's full path, or a PostgreSQL URL as messages show it (without its password).</summary>
    public string StatePath =>
        !PostgresUrl.IsUrl(State) ? Path.GetFullPath(State, ConfigFolder)
        : PostgresUrl.TryParse(State, out var url, out _) ? url.Location
        : "postgres://…";

    public string DataPath => Path.GetFullPath(Data, ConfigFolder);

    /// <summary>The <c>Script:Roots</c> folders, relative to <see cref="ConfigFolder"/> (the compiler makes them full paths).</summary>
    public IReadOnlyList<string> ScriptRootPaths => (Script.Roots ?? []).Select(root => Path.Combine(ConfigFolder, root)).ToArray();

    /// <summary>What compiling the workflows takes from the settings (the default zone, the script roots): the host and every verb compile alike.</summary>
    public Language.CompileOptions CompileOptionsAt(DateTimeOffset now) =>
        new(FindDefaultZone() ?? TimeZoneInfo.Utc, now) { ScriptRoots = ScriptRootPaths };

    /// <summary>
    /// The zone <see cref="DefaultTimeZone"/> names, found as the language finds a workflow's <c>timezone</c>
    /// (<see cref="TimeZones.TryFind"/>, which the runtime's own zone cache makes cheap); null when it names none
    /// (the validator says so).
    /// </summary>
    public TimeZoneInfo? FindDefaultZone() => TimeZones.TryFind(DefaultTimeZone ?? "", out var zone) ? zone : null;

    /// <summary>The executor's options from these settings: the host's <see cref="Owner"/>, <see cref="MaxParallelJobs"/>, <see cref="Lease"/>.</summary>
    public ExecutorOptions Executor() => new() { MaxParallelJobs = MaxParallelJobs, Owner = Owner, Lease = Lease };

    /// <summary>The sandbox's options from these settings, gathered from the sections <c>Script</c>, <c>Http</c> and <c>Env</c>.</summary>
    public SandboxOptions Sandbox() => new()
    {
        Timeout = Script.Timeout,
        MemoryMb = Script.MemoryMb,
        MaxParallelJobs = MaxParallelJobs,
        MaxStatements = Script.MaxStatements,
        MaxRecursion = Script.MaxRecursion,
        DataRoot = DataPath,
        AllowedHosts = Http.AllowedHosts,
        AllowedEnv = Env.Allowed,
    };

    public sealed class ScriptSettings
    {
        public TimeSpan Timeout { get; set; } = SandboxOptions.Default.Timeout;

        public int MemoryMb { get; set; } = SandboxOptions.Default.MemoryMb;

        /// <summary>0 = no cap.</summary>
        public int MaxStatements { get; set; } = SandboxOptions.Default.MaxStatements;

        public int MaxRecursion { get; set; } = SandboxOptions.Default.MaxRecursion;

        /// <summary>Folders besides the workflows folder that <c>run file</c> and <c>use file</c> may read; none by default.</summary>
        public string[] Roots { get; set; } = [];
    }

    /// <summary>The HTTP API and dashboard the host serves (docs/api.md), and the hosts scripts' <c>http</c> may reach.</summary>
    public sealed class HttpSettings
    {
        public string[] AllowedHosts { get; set; } = [];

        /// <summary>False: the host serves no API and opens no port.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>Where the API listens, several separated by <c>;</c>; port 0 takes a free port.</summary>
        public string Urls { get; set; } = "http://127.0.0.1:8686";

        /// <summary>The bearer token every request needs; required on an address that is not loopback.</summary>
        public string? Token { get; set; }
    }

    public sealed class EnvSettings
    {
        public string[] Allowed { get; set; } = [];
    }

    /// <summary>Where traces, metrics and logs go by OTLP, and the name the host reports under (docs/telemetry.md).</summary>
    public sealed class TelemetrySettings
    {
        public const string DefaultServiceName = "symbol-orchestrator";

        public OtlpSettings Otlp { get; set; } = new();

        /// <summary>The <c>service.name</c> resource attribute; <c>service.instance.id</c> is <see cref="Owner"/>.</summary>
        public string ServiceName { get; set; } = DefaultServiceName;
    }

    public sealed class OtlpSettings
    {
        /// <summary>The collector's address (<c>http://collector:4317</c>); unset: nothing is sent by OTLP.</summary>
        public string? Endpoint { get; set; }

        /// <summary><c>grpc</c> or <c>http/protobuf</c>, as <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> spells them.</summary>
        public string Protocol { get; set; } = OtlpEndpoint.Grpc;
    }
}

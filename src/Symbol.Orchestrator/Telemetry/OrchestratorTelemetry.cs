using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Symbol.Orchestrator.Telemetry;

/// <summary>
/// The <see cref="ActivitySource"/> and the <see cref="Meter"/> the orchestrator reports through, both named
/// <see cref="Name"/>. The host's composition root subscribes to them with the OpenTelemetry SDK
/// (<c>AddSource(OrchestratorTelemetry.Name)</c>, <c>AddMeter(OrchestratorTelemetry.Name)</c>); with nobody listening
/// they cost a <c>HasListeners()</c> or <c>Enabled</c> check where they are used.
/// </summary>
public static class OrchestratorTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Symbol.Orchestrator";

    /// <summary>
    /// The assembly's informational version without its build metadata (<c>1.0.0</c>, not <c>1.0.0+commit</c>), as the
    /// source's and the meter's version: Prometheus labels every sample with it, and a label that changed with every
    /// build would start every series anew at each deployment.
    /// </summary>
    public static readonly string Version =
        (typeof(OrchestratorTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    internal static readonly ActivitySource Source = new(Name, Version);

    internal static readonly Meter Meter = new(Name, Version);
}

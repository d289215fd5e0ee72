using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// The settings that apply to a .flow file: those of <paramref name="ConfigFile"/>, the nearest <c>orchestrator.json</c>
/// above it, read as <c>orchestrator validate --config</c> reads it; the defaults when there is none, or when it is
/// broken (<paramref name="Error"/> says why, and is shown on the file itself).
/// </summary>
internal sealed record ProjectSettings(string? ConfigFile, OrchestratorOptions Options, string? Error)
{
    public static ProjectSettings Defaults { get; } = new(null, new OrchestratorOptions(), null);

    /// <summary>The workflows folder <see cref="ConfigFile"/> names; null without one, or when it could not be read.</summary>
    public string? WorkflowsFolder => ConfigFile is null || Error is not null ? null : Options.WorkflowsPath;
}

using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// Finds the <c>orchestrator.json</c> that applies to a file (the nearest in its folder or above) and reads it as the
/// host and <c>validate</c> do (<see cref="OrchestratorConfiguration"/>: the file, then <c>ORCHESTRATOR_*</c> variables).
/// Each file is read again only when it changed on disk, so asking per keystroke costs a few file-system checks.
/// </summary>
internal sealed class SettingsFiles(TimeProvider clock, IReadOnlyDictionary<string, string>? environment)
{
    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, ProjectSettings Settings)> _read = new(StringComparer.Ordinal);

    public ProjectSettings For(string path)
    {
        if (Nearest(path) is not { } file)
            return ProjectSettings.Defaults;
        var info = new FileInfo(file);
        var (written, length) = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (default, -1);
        if (_read.TryGetValue(file, out var known) && known.Written == written && known.Length == length)
            return known.Settings;
        var settings = Read(file);
        _read[file] = (written, length, settings);
        return settings;
    }

    /// <summary>The nearest <c>orchestrator.json</c> in <paramref name="path"/>'s folder or above, or null.</summary>
    public static string? Nearest(string path)
    {
        for (var folder = Path.GetDirectoryName(path); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            var candidate = Path.Combine(folder, HostArguments.DefaultConfigFile);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    private ProjectSettings Read(string file)
    {
        var error = new StringWriter();
        using var services = OrchestratorConfiguration.TryBuildServices(new HostArguments(file), environment, clock, error);
        if (services is not null)
            return new ProjectSettings(file, services.GetRequiredService<IOptions<OrchestratorOptions>>().Value, null);
        return new ProjectSettings(file, new OrchestratorOptions(), error.ToString().Trim());
    }
}

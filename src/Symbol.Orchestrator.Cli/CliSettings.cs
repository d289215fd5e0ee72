using System.Globalization;
using System.Text.Json;
using Symbol.Orchestrator.Scripting;

namespace Symbol.Orchestrator.Cli;

/// <summary>
/// The few <c>orchestrator.json</c> keys the run verbs need (SPEC §6): State, Data, MaxParallelJobs, Script:*,
/// Http:AllowedHosts and Env:Allowed of section <c>Orchestrator</c>. Relative paths in the file are relative to
/// its folder; flags win over the file. The host (issue 5) replaces this with Microsoft.Extensions.Configuration.
/// </summary>
internal sealed record CliSettings(string StatePath, string DataPath, int MaxParallelJobs, SandboxOptions Sandbox)
{
    public const string DefaultFile = "orchestrator.json";

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The settings from <paramref name="configPath"/> (or ./orchestrator.json if present) and the flags; null after writing why not.</summary>
    public static CliSettings? Load(string? configPath, string? state, string? data, TextWriter error)
    {
        var file = configPath ?? (File.Exists(DefaultFile) ? DefaultFile : null);
        var folder = file is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(file))!;
        JsonElement section = default;
        if (file is not null)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(file), Lenient);
                section = Child(document.RootElement, "Orchestrator").Clone();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                error.WriteLine($"error: cannot read the configuration {file}: {e.Message}");
                return null;
            }
        }
        try
        {
            var script = Child(section, "Script");
            var sandbox = new SandboxOptions
            {
                Timeout = Duration(Child(script, "Timeout")) ?? TimeSpan.FromSeconds(30),
                MemoryMb = Int(Child(script, "MemoryMb")) ?? 64,
                MaxStatements = Int(Child(script, "MaxStatements")) ?? 0,
                MaxRecursion = Int(Child(script, "MaxRecursion")) ?? 1000,
                AllowedHosts = Strings(Child(Child(section, "Http"), "AllowedHosts")),
                AllowedEnv = Strings(Child(Child(section, "Env"), "Allowed")),
                DataRoot = data is not null ? Path.GetFullPath(data) : Path.GetFullPath(Text(Child(section, "Data")) ?? "data", folder),
            };
            var statePath = state is not null ? Path.GetFullPath(state) : Path.GetFullPath(Text(Child(section, "State")) ?? ".orchestrator/state.db", folder);
            var parallel = Int(Child(section, "MaxParallelJobs")) ?? 8;
            if (parallel < 1)
                throw new FormatException("Orchestrator:MaxParallelJobs must be 1 or more");
            return new CliSettings(statePath, sandbox.DataRoot, parallel, sandbox);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            error.WriteLine($"error: {file}: {e.Message}");
            return null;
        }
    }

    // Keys are case-insensitive, as Microsoft.Extensions.Configuration reads them.
    private static JsonElement Child(JsonElement parent, string name)
    {
        if (parent.ValueKind == JsonValueKind.Object)
            foreach (var property in parent.EnumerateObject())
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                    return property.Value;
        return default;
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetInt32(),
        JsonValueKind.String => int.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        _ => null,
    };

    // "00:00:30" as the configuration binder reads a TimeSpan; a bare number is seconds.
    private static TimeSpan? Duration(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => TimeSpan.FromSeconds(value.GetDouble()),
        JsonValueKind.String => TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static IReadOnlyList<string> Strings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(e => e.GetString() ?? "").ToArray() : [];
}

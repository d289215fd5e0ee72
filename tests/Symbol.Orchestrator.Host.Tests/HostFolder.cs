using System.Text.Json.Nodes;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary>A temp folder with an <c>orchestrator.json</c>, a workflows folder, a data folder and the state store.</summary>
internal sealed class HostFolder : IDisposable
{
    private readonly TempFolder _folder = new();

    public HostFolder(string shutdownGrace = "00:00:10", string reloadDebounce = "00:00:00.300")
    {
        Directory.CreateDirectory(Workflows);
        Directory.CreateDirectory(Data);
        File.WriteAllText(Config, $$"""
            { "Orchestrator": { "Workflows": "workflows", "State": "state/state.db", "Data": "data",
                                "ShutdownGrace": "{{shutdownGrace}}", "ReloadDebounce": "{{reloadDebounce}}" } }
            """);
    }

    public string Path => _folder.Path;

    public string Config => System.IO.Path.Combine(Path, "orchestrator.json");

    public string Workflows => System.IO.Path.Combine(Path, "workflows");

    public string Data => System.IO.Path.Combine(Path, "data");

    public string Flow(string name) => System.IO.Path.Combine(Workflows, name);

    public string DataFile(string name) => System.IO.Path.Combine(Data, name);

    /// <summary>Writes a file in one rename, as a careful editor does, so the watcher never sees half of it.</summary>
    public void Write(string path, string text)
    {
        var temp = path + ".tmp~";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Lists <paramref name="roots"/> (relative to this folder) as <c>Script:Roots</c>, the folders besides the workflows folder scripts may come from.</summary>
    public void AllowScriptsFrom(params string[] roots)
    {
        var config = JsonNode.Parse(File.ReadAllText(Config))!;
        config["Orchestrator"]!["Script"] = new JsonObject { ["Roots"] = new JsonArray([.. roots.Select(r => JsonValue.Create(r))]) };
        File.WriteAllText(Config, config.ToJsonString());
    }

    public void Dispose() => _folder.Dispose();
}

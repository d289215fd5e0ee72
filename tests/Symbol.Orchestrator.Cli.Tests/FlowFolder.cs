namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>A temporary folder of .flow files, deleted after the test.</summary>
public sealed class FlowFolder : IDisposable
{
    public FlowFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "orchestrator-cli-tests", Guid.NewGuid().ToString("N"));

    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string[] Listing() => Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories).Order().ToArray();

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

using System.Collections.Concurrent;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// The <c>*.flow</c> files below a folder, in full paths. Listing a large tree (a repository with its build output)
/// on every keystroke would cost more than compiling; so, once the editor watches files for the server
/// (<see cref="Watched"/>), a folder is listed once and listed again only when a .flow file is created or deleted in it.
/// An editor that cannot watch files gets a fresh listing every time.
/// </summary>
internal sealed class FlowFileListing
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _listed = new(StringComparer.Ordinal);

    /// <summary>True once the editor has agreed to tell of files created and deleted (<c>workspace/didChangeWatchedFiles</c>).</summary>
    public bool Watched { get; set; }

    public IReadOnlyList<string> In(string folder) =>
        Watched ? _listed.GetOrAdd(folder, List) : List(folder);

    /// <summary>A .flow file at <paramref name="path"/> was created or deleted: the folders above it are listed again.</summary>
    public void Changed(string path)
    {
        foreach (var folder in _listed.Keys)
            if (Workspace.IsInside(path, folder))
                _listed.TryRemove(folder, out _);
    }

    private static IReadOnlyList<string> List(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*.flow", SearchOption.AllDirectories).Select(Path.GetFullPath).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }
    }
}

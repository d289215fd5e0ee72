using System.Collections.Concurrent;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>
/// Where <c>run file</c> and <c>use file</c> scripts may be read from: the workflows folder being compiled and the
/// <c>Script:Roots</c> folders. Compared by real path, so a link that leads out of them (<c>scripts/x.js</c> →
/// <c>/tmp/secret.env</c>) counts as leaving. One per compilation: each path is resolved once however many use it.
/// </summary>
internal sealed class ScriptFolders(IReadOnlyList<string> roots)
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly ConcurrentDictionary<string, string?> _realPaths = new(StringComparer.Ordinal);
    private readonly Lazy<string?[]> _roots = new(() => roots.Select(FullPathOrNull).Select(r => r is null ? null : RealPath.Of(r)).ToArray());

    /// <summary>True when <paramref name="fullPath"/> really is inside <paramref name="workflowsFolder"/> or a root.</summary>
    public bool Allow(string fullPath, string workflowsFolder)
    {
        if (Real(fullPath) is not { } path)
            return false;
        if (IsInside(path, Real(workflowsFolder)))
            return true;
        foreach (var root in _roots.Value)
            if (IsInside(path, root))
                return true;
        return false;
    }

    private string? Real(string fullPath) => _realPaths.GetOrAdd(fullPath, RealPath.Of);

    private static bool IsInside(string path, string? folder)
    {
        // No folder (a path that would not resolve) allows nothing: an empty prefix would allow everything.
        if (string.IsNullOrEmpty(folder))
            return false;
        var prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparison);
    }

    private static string? FullPathOrNull(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }
}

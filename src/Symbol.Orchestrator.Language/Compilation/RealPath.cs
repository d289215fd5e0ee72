namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>
/// A full path with every symbolic link in it resolved, as <c>realpath</c> gives it: <c>workflows/scripts/x.js</c>
/// that is a link to <c>/etc/x</c>, or sits in a linked folder, is really <c>/etc/x</c>. Components that do not
/// exist are kept as written.
/// </summary>
internal static class RealPath
{
    // As Linux's own limit on links followed in one lookup (ELOOP); a loop of links has no real path.
    private const int MaxLinks = 40;

    /// <summary>The real path of <paramref name="fullPath"/> (already full), or null for a loop of links.</summary>
    public static string? Of(string fullPath)
    {
        var current = Path.GetPathRoot(fullPath) ?? "";
        var parts = new List<string>(Parts(fullPath));
        int links = 0;
        for (int k = 0; k < parts.Count; k++)
        {
            var part = parts[k];
            if (part == ".")
                continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, part);
            if (LinkTarget(next) is not { } target)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
                return null;
            // Start over from the link's target, with what is left of the path after it.
            var resolved = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
            parts = [.. Parts(resolved), .. parts.Skip(k + 1)];
            current = Path.GetPathRoot(resolved) ?? "";
            k = -1;
        }
        return current;
    }

    private static string[] Parts(string path) =>
        path[(Path.GetPathRoot(path)?.Length ?? 0)..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// Maps a script's relative path onto the data folder, refusing any path that could leave it: an
/// absolute path, a <c>..</c> segment, or a symbolic link anywhere below the root (a link inside the
/// folder may point anywhere, so none is followed, whatever its target).
/// </summary>
internal sealed class DataRootPath(string root)
{
    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    /// <summary>The full path for <paramref name="relative"/>, or an error message naming what was refused.</summary>
    public bool TryResolve(string relative, out string fullPath, out string error)
    {
        fullPath = Root;
        error = "";
        if (relative.Contains('\0'))
        {
            error = $"'{relative}' is not a valid path";
            return false;
        }
        if (Path.IsPathRooted(relative) || relative.StartsWith('/') || relative.StartsWith('\\')
            || (OperatingSystem.IsWindows() && relative.Contains(':')))
        {
            error = $"'{relative}' is an absolute path; paths are relative to the data folder";
            return false;
        }
        var segments = relative.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        if (segments.Contains(".."))
        {
            error = $"'{relative}' leaves the data folder ('..' is not allowed)";
            return false;
        }

        var current = Root;
        var checking = true;
        foreach (var segment in segments)
        {
            if (segment == ".")
            {
                continue;
            }
            current = Path.Join(current, segment);
            if (checking)
            {
                // lstat: a link is seen as a link even when its target is missing.
                var entry = new FileInfo(current);
                if (entry.LinkTarget is not null)
                {
                    error = $"'{relative}' goes through a symbolic link ('{Path.GetRelativePath(Root, current)}'), which could leave the data folder";
                    return false;
                }
                // Below a missing component nothing exists yet, so nothing can be a link.
                checking = entry.Exists || Directory.Exists(current);
            }
        }

        if (!current.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && current != Root)
        {
            error = $"'{relative}' leaves the data folder";
            return false;
        }
        fullPath = current;
        return true;
    }

    /// <summary>A full path inside the folder, as a script names it: relative, with forward slashes.</summary>
    public string ToRelative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');
}

namespace Symbol.Orchestrator.Language.Editing;

/// <summary>The <c>.js</c> files below a folder, as paths relative to it with <c>/</c>, for <c>run file</c> and <c>use file</c> completion.</summary>
public static class ScriptListing
{
    /// <summary>Enough for any real workflows folder; a completion over a home folder by mistake stays quick.</summary>
    private const int MaxFiles = 500;

    private const int MaxDepth = 6;

    private static readonly EnumerationOptions OneLevel = new() { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };

    /// <summary>
    /// The scripts below <paramref name="folder"/> on disk, in ordinal order; none when it cannot be read. Folders named
    /// <c>node_modules</c> or starting with a dot are not entered: a workflows folder that is also a JavaScript project
    /// would otherwise be walked through thousands of package files on every completion.
    /// </summary>
    public static IReadOnlyList<string> FromDisk(string folder)
    {
        var found = new List<string>();
        var pending = new Queue<(string Path, int Depth)>([(folder, 0)]);
        try
        {
            while (pending.Count > 0 && found.Count < MaxFiles)
            {
                var (current, depth) = pending.Dequeue();
                found.AddRange(Directory.EnumerateFiles(current, "*.js", OneLevel).Take(MaxFiles - found.Count));
                if (depth < MaxDepth)
                    foreach (var sub in Directory.EnumerateDirectories(current, "*", OneLevel).Order(StringComparer.Ordinal))
                        if (Path.GetFileName(sub) is not ("node_modules" or ['.', ..]))
                            pending.Enqueue((sub, depth + 1));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // What was found before the folder went away (or was never there) is still worth offering.
        }
        return found.Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal).ToList();
    }
}

namespace Symbol.Orchestrator.Language.Editing;

/// <summary>The <c>.js</c> files below a folder, as paths relative to it with <c>/</c>, for <c>run file</c> and <c>use file</c> completion.</summary>
public static class ScriptListing
{
    /// <summary>Enough for any real workflows folder; a completion over a home folder by mistake stays quick.</summary>
    private const int MaxFiles = 500;

    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        MaxRecursionDepth = 6,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    /// <summary>The scripts below <paramref name="folder"/> on disk, in ordinal order; none when it cannot be read.</summary>
    public static IReadOnlyList<string> FromDisk(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*.js", Options)
                .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(f => !f.StartsWith("node_modules/", StringComparison.Ordinal) && !f.Contains("/node_modules/", StringComparison.Ordinal))
                .Take(MaxFiles)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return [];
        }
    }
}

namespace Symbol.Orchestrator.Language.Editing;

/// <summary>Where a <c>run file</c> or <c>use file</c> path points: relative to the .flow file's folder, as the compiler reads it.</summary>
internal static class ScriptPath
{
    /// <summary>The full path, or null when the path is empty or not a path at all.</summary>
    public static string? Resolve(string flowPath, string relative)
    {
        try
        {
            return relative.Length == 0 ? null : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(flowPath)) ?? "", relative));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }
}

using System.Collections.Concurrent;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>
/// The <c>run file</c> and <c>use file</c> scripts of one compilation, each read and checked once however
/// many workflows name it: a folder of workflows typically shares one helpers file.
/// </summary>
internal sealed class ScriptFiles(Func<string, string?> readFile, ScriptFolders? folders)
{
    /// <summary>
    /// Whether a script at <paramref name="fullPath"/> may be read by a .flow file found in <paramref name="workflowsFolder"/>:
    /// always for in-memory sources (no folder, no <see cref="ScriptFolders"/>), whose reader decides alone.
    /// </summary>
    public bool Allow(string fullPath, string? workflowsFolder) =>
        folders is null || workflowsFolder is null || folders.Allow(fullPath, workflowsFolder);

    private readonly ConcurrentDictionary<(string FullPath, bool IsFunctionBody), Lazy<ScriptFile>> _files = new();

    /// <summary>The scripts one .flow file used, shared by the contexts its workflows bind in.</summary>
    internal sealed class Used : ConcurrentDictionary<(string FullPath, bool IsFunctionBody), ScriptFile>;

    public ScriptFile Get(string fullPath, bool isFunctionBody) =>
        _files.GetOrAdd((fullPath, isFunctionBody), key => new Lazy<ScriptFile>(() => Load(key.FullPath, key.IsFunctionBody))).Value;

    private ScriptFile Load(string fullPath, bool isFunctionBody)
    {
        try
        {
            var code = readFile(fullPath);
            return new ScriptFile(code, null, isFunctionBody);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new ScriptFile(null, ex.Message, isFunctionBody);
        }
    }
}

/// <summary>
/// A script file's text (null when missing or unreadable), why it could not be read, and its first syntax error,
/// checked when first asked for: a compile that only compares the text with a cached one (see
/// <see cref="FlowCompileCache"/>) reads the file but does not parse it again.
/// </summary>
internal sealed class ScriptFile(string? code, string? readError, bool isFunctionBody)
{
    private readonly Lazy<ScriptError?> _error = new(() => code is null ? null : ScriptChecker.FirstError(code, isFunctionBody));

    public string? Code { get; } = code;

    public string? ReadError { get; } = readError;

    public ScriptError? Error => _error.Value;
}

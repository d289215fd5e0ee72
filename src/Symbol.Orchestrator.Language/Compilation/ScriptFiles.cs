using System.Collections.Concurrent;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>
/// The <c>run file</c> and <c>use file</c> scripts of one compilation, each read and checked once however
/// many workflows name it: a folder of workflows typically shares one helpers file.
/// </summary>
internal sealed class ScriptFiles(Func<string, string?> readFile)
{
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
            return code is null ? new ScriptFile(null, null, null) : new ScriptFile(code, ScriptChecker.FirstError(code, isFunctionBody), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new ScriptFile(null, null, ex.Message);
        }
    }
}

/// <summary>A script file's text (null when missing or unreadable), its first syntax error, and why it could not be read.</summary>
internal sealed record ScriptFile(string? Code, ScriptError? Error, string? ReadError);

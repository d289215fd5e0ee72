using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>What binding one .flow file needs: its text, the options, where its diagnostics go, and how to read the files it names.</summary>
internal sealed class FileContext(string path, string text, CompileOptions options, ScriptFiles scriptFiles, string? workflowsFolder,
    ScriptFiles.Used? used = null, long edgesBefore = 0)
{
    private readonly ScriptFiles.Used _used = used ?? new();

    public string Path { get; } = path;

    public string Text { get; } = text;

    public CompileOptions Options { get; } = options;

    public DiagnosticBag Diagnostics { get; } = new(path);

    /// <summary>How many edges the workflows above this one in the file name (see <see cref="EdgeBinder.MaxEdgesPerFile"/>).</summary>
    public long EdgesBefore { get; } = edgesBefore;

    /// <summary>The same file with a diagnostics bag of its own, for one workflow, whose place among the file's edges is <paramref name="edgesBefore"/>.</summary>
    public FileContext ForWorkflow(long edgesBefore) => new(Path, Text, Options, scriptFiles, workflowsFolder, _used, edgesBefore);

    /// <summary>The script files this .flow file read (from every workflow in it), as they were read: what a cached compile of it depends on.</summary>
    public IReadOnlyDictionary<(string FullPath, bool IsFunctionBody), ScriptFile> ScriptsUsed => _used;

    /// <summary>
    /// Reads a <c>run file</c> or <c>use file</c> path, relative to the .flow file's folder, and
    /// checks its JavaScript. Null (with an error at the string) when it cannot be read.
    /// </summary>
    public ScriptSource? ReadScript(StringToken file, string statement, bool isFunctionBody)
    {
        string full;
        try
        {
            if (file.Value.Length == 0)
                throw new ArgumentException("the path is empty");
            full = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path) ?? "", file.Value));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            Diagnostics.Error(file.Pos, $"'{statement}' needs a file path, found {file.Raw}");
            return null;
        }
        // Checked before the file is opened, so an error never quotes what an outside file holds.
        if (!scriptFiles.Allow(full, workflowsFolder))
        {
            Diagnostics.Error(file.Pos, $"{file.Raw} is outside the workflows folder and Script:Roots; add its folder to Orchestrator:Script:Roots in orchestrator.json to allow it");
            return null;
        }
        var loaded = scriptFiles.Get(full, isFunctionBody);
        _used.TryAdd((full, isFunctionBody), loaded);
        if (loaded.Code is null)
        {
            Diagnostics.Error(file.Pos, loaded.ReadError is { } reason
                ? $"cannot read {statement} {file.Raw}: {reason}"
                : $"{statement} {file.Raw} not found (looked for {full})");
            return null;
        }
        // Shown as the user would type it from here: "scripts/a.js", not "flows/team/../scripts/a.js".
        var shown = System.IO.Path.IsPathRooted(Path) ? full : System.IO.Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        var script = new ScriptSource(loaded.Code, shown, 1, 1);
        if (loaded.Error is { } error)
            Diagnostics.Error(ScriptChecker.MapPosition(script, error.Line, error.Column), error.Message);
        return script;
    }
}

using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>What binding one .flow file needs: its text, the options, where its diagnostics go, and how to read the files it names.</summary>
internal sealed class FileContext(string path, string text, CompileOptions options, Func<string, string?> readFile)
{
    public string Path { get; } = path;

    public string Text { get; } = text;

    public CompileOptions Options { get; } = options;

    public DiagnosticBag Diagnostics { get; } = new(path);

    /// <summary>The same file with a diagnostics bag of its own, for binding one workflow on another thread.</summary>
    public FileContext ForWorkflow() => new(Path, Text, Options, readFile);

    /// <summary>
    /// Reads a <c>run file</c> or <c>use file</c> path, relative to the .flow file's folder, and
    /// checks its JavaScript. Null (with an error at the string) when it cannot be read.
    /// </summary>
    public ScriptSource? ReadScript(StringToken file, string statement, bool isFunctionBody)
    {
        if (file.Value.Length == 0 || file.Value.AsSpan().IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            Diagnostics.Error(file.Pos, $"'{statement}' needs a file path, found {file.Raw}");
            return null;
        }
        var shown = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path) ?? "", file.Value);
        string full;
        string? code;
        try
        {
            full = System.IO.Path.GetFullPath(shown);
            code = readFile(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Diagnostics.Error(file.Pos, $"cannot read {statement} {file.Raw}: {ex.Message}");
            return null;
        }
        if (code is null)
        {
            Diagnostics.Error(file.Pos, $"{statement} {file.Raw} not found (looked for {full})");
            return null;
        }
        var script = new ScriptSource(code, shown, 1, 1);
        ScriptChecker.Check(script, isFunctionBody, Diagnostics);
        return script;
    }
}

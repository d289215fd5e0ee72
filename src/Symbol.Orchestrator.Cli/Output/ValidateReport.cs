using System.Text.Json.Serialization;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Cli.Output;

/// <summary><c>validate --json</c> (docs/cli.md).</summary>
internal sealed record ValidateReport(bool Ok, IReadOnlyList<FileReport> Files)
{
    public static ValidateReport From(FlowCompilation compilation) =>
        new(!compilation.HasErrors, compilation.Files.Select(FileReport.From).ToArray());
}

internal sealed record FileReport(string Path, bool Ok, IReadOnlyList<string> Workflows, IReadOnlyList<DiagnosticReport> Errors, IReadOnlyList<DiagnosticReport> Warnings)
{
    public static FileReport From(FlowFile file) => new(
        file.Path,
        file.Ok,
        file.Workflows,
        file.Diagnostics.Where(d => d.IsError).Select(d => DiagnosticReport.From(d, file.Path)).ToArray(),
        file.Diagnostics.Where(d => !d.IsError).Select(d => DiagnosticReport.From(d, file.Path)).ToArray());
}

/// <param name="Path">Only when the problem is in another file than the .flow file, such as a <c>run file</c> script.</param>
internal sealed record DiagnosticReport(
    int Line,
    int Column,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path)
{
    public static DiagnosticReport From(Diagnostic diagnostic, string filePath) => new(
        diagnostic.Position.Line,
        diagnostic.Position.Column,
        diagnostic.Message,
        diagnostic.Position.Path == filePath ? null : diagnostic.Position.Path);
}

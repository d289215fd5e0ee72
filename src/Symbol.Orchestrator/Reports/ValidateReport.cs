using System.Text.Json.Serialization;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Reports;

/// <summary><c>validate --json</c> (docs/cli.md).</summary>
internal sealed record ValidateReport(bool Ok, IReadOnlyList<FileReport> Files)
{
    public static ValidateReport From(FlowCompilation compilation) =>
        new(!compilation.HasErrors, compilation.Files.Select(FileReport.From).ToArray());
}

internal sealed record FileReport(string Path, bool Ok, IReadOnlyList<string> Workflows, IReadOnlyList<DiagnosticReport> Errors, IReadOnlyList<DiagnosticReport> Warnings)
{
    public static FileReport From(FlowFile file) => From(file, DiagnosticReport.From);

    /// <summary>As <see cref="From(FlowFile)"/>, each problem with its one-line <see cref="DiagnosticReport.Text"/> (the API's).</summary>
    public static FileReport WithText(FlowFile file) => From(file, DiagnosticReport.WithText);

    private static FileReport From(FlowFile file, Func<Diagnostic, string, DiagnosticReport> report) => new(
        file.Path,
        file.Ok,
        file.Workflows,
        file.Diagnostics.Where(d => d.IsError).Select(d => report(d, file.Path)).ToArray(),
        file.Diagnostics.Where(d => !d.IsError).Select(d => report(d, file.Path)).ToArray());
}

/// <param name="Path">Only when the problem is in another file than the .flow file, such as a <c>run file</c> script.</param>
internal sealed record DiagnosticReport(
    int Line,
    int Column,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path)
{
    /// <summary>The problem as one line, <c>path:line:column: message</c>: given by the API (<c>/api/diagnostics</c>), not by <c>validate --json</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    public static DiagnosticReport From(Diagnostic diagnostic, string filePath) => new(
        diagnostic.Position.Line,
        diagnostic.Position.Column,
        diagnostic.Message,
        diagnostic.Position.Path == filePath ? null : diagnostic.Position.Path);

    /// <summary>As <see cref="From"/>, with <see cref="Text"/>.</summary>
    public static DiagnosticReport WithText(Diagnostic diagnostic, string filePath) => From(diagnostic, filePath) with { Text = diagnostic.ToString() };
}

namespace Symbol.Orchestrator.Language.Tests;

/// <summary>Test helpers: compile text in memory at a fixed "now".</summary>
internal static class Compile
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static CompileOptions Options => CompileOptions.Default(Now);

    public static FlowCompilation Text(string text, IReadOnlyDictionary<string, string>? files = null, string path = "test.flow") =>
        FlowCompiler.CompileSources([(path, text)], Options, full => Lookup(files, full));

    /// <summary>The diagnostics of one file as <c>line:column: message</c> lines (warnings marked).</summary>
    public static string[] Lines(string text, IReadOnlyDictionary<string, string>? files = null) =>
        Text(text, files).Diagnostics.Select(Format).ToArray();

    public static string Format(Diagnostic d) =>
        $"{d.Position.Line}:{d.Position.Column}: {(d.IsError ? "" : "warning: ")}{d.Message}";

    public static WorkflowDefinition Single(string text, IReadOnlyDictionary<string, string>? files = null)
    {
        var result = Text(text, files);
        Assert.Empty(result.Diagnostics.Where(d => d.IsError).Select(Format));
        return Assert.Single(result.Workflows);
    }

    private static string? Lookup(IReadOnlyDictionary<string, string>? files, string fullPath)
    {
        if (files is null)
            return null;
        foreach (var (name, text) in files)
            if (fullPath == Path.GetFullPath(name))
                return text;
        return null;
    }
}

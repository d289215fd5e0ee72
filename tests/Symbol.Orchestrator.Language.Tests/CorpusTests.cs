namespace Symbol.Orchestrator.Language.Tests;

/// <summary>
/// Every <c>Corpus/*.flow</c> compiles to exactly the diagnostics in the <c>.expected</c> file beside it:
/// one <c>line:column: message</c> per line (<c>path:line:column: …</c> for a diagnostic in another file,
/// <c>{corpus}</c> standing for the corpus folder). An empty <c>.expected</c> means the file is clean.
/// </summary>
public sealed class CorpusTests
{
    private static readonly string CorpusFolder = Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string> Files() =>
        new(Directory.EnumerateFiles(CorpusFolder, "*.flow").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void CorpusFile_CompilesToItsExpectedDiagnostics(string name)
    {
        var path = Path.Combine(CorpusFolder, name);
        var expected = File.ReadAllLines(Path.ChangeExtension(path, ".expected"))
            .Where(line => line.Length > 0)
            .Select(line => line.Replace("{corpus}", CorpusFolder));

        var compilation = FlowCompiler.Compile([path], Compile.Options);

        var actual = compilation.Diagnostics.Select(d => Format(d, path));
        Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));
        var file = Assert.Single(compilation.Files);
        Assert.Equal(file.Ok ? file.Workflows.Count : 0, compilation.Workflows.Count);
    }

    [Fact]
    public void WholeCorpus_CleanFilesContributeWorkflows_AndFilesWithErrorsNone()
    {
        var compilation = FlowCompiler.Compile(Directory.EnumerateFiles(CorpusFolder, "*.flow").Order(StringComparer.Ordinal), Compile.Options);
        foreach (var file in compilation.Files)
        {
            var contributed = compilation.Workflows.Count(w => w.Position.Path == file.Path);
            Assert.Equal(file.Ok ? file.Workflows.Count : 0, contributed);
        }
        Assert.Contains(compilation.Workflows, w => w.Name == "etl");
    }

    private static string Format(Diagnostic d, string flowPath)
    {
        var where = d.Position.Path == flowPath
            ? $"{d.Position.Line}:{d.Position.Column}"
            : $"{Path.GetRelativePath(CorpusFolder, d.Position.Path)}:{d.Position.Line}:{d.Position.Column}";
        return $"{where}: {(d.IsError ? "" : "warning: ")}{d.Message}";
    }
}

using System.Text.RegularExpressions;

namespace Symbol.Orchestrator.Language.Tests;

/// <summary><c>docs/language.md</c> stays true: its examples compile, and the messages it quotes are the ones the corpus produces.</summary>
public sealed partial class DocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "language.md"));
    private static readonly string CorpusFolder = Path.Combine(AppContext.BaseDirectory, "Corpus");

    [GeneratedRegex(@"^````flow\n(?<code>.*?)^````$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FlowBlock();

    [GeneratedRegex(@"^(?<file>[\w./-]+):(?<line>\d+):(?<column>\d+): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex QuotedDiagnostic();

    [Fact]
    public void EveryExample_Compiles()
    {
        var examples = FlowBlock().Matches(Doc).Select(m => m.Groups["code"].Value).ToList();
        Assert.True(examples.Count >= 6);
        foreach (var example in examples)
        {
            var result = FlowCompiler.CompileSources([("doc.flow", example)], Compile.Options, _ => "var helper = 1;");
            Assert.Empty(result.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()));
        }
    }

    [Fact]
    public void QuotedMessages_AreWhatTheCorpusProduces()
    {
        var quoted = QuotedDiagnostic().Matches(Doc).Where(m => !m.Value.Contains("looked for")).ToList();
        Assert.True(quoted.Count >= 20);
        foreach (var match in quoted)
        {
            var file = match.Groups["file"].Value;
            var flow = file.EndsWith(".js", StringComparison.Ordinal) ? "javascript.flow" : file;
            var prefix = file.EndsWith(".js", StringComparison.Ordinal) ? file + ":" : "";
            var expected = File.ReadAllText(Path.Combine(CorpusFolder, Path.ChangeExtension(flow, ".expected"))).Replace("{corpus}/", "");
            Assert.Contains($"{prefix}{match.Groups["line"]}:{match.Groups["column"]}: {match.Groups["message"]}", expected);
        }
    }
}

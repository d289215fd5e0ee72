using System.Text.RegularExpressions;

namespace Symbol.Orchestrator.Language.Tests;

/// <summary>The README and <c>docs/</c> stay true: their <c>.flow</c> examples validate, and the messages <c>docs/language.md</c> quotes are the ones the corpus produces.</summary>
public sealed partial class DocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "language.md"));
    private static readonly string CorpusFolder = Path.Combine(AppContext.BaseDirectory, "Corpus");

    [GeneratedRegex(@"^````flow\n(?<code>.*?)^````$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FlowBlock();

    [GeneratedRegex(@"^(?<file>[\w./-]+):(?<line>\d+):(?<column>\d+): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex QuotedDiagnostic();

    /// <summary>
    /// Every <c>.flow</c> example of the README and of <c>docs/</c>, validated as a user would after saving it: from disk,
    /// beside the scripts it names (<c>docs/examples/scripts/</c> for the docs, the bundled <c>workflows/scripts/</c> for the README).
    /// </summary>
    [Theory]
    [InlineData("README.md", "workflows", 2)]
    [InlineData("docs/language.md", "docs/examples", 6)]
    [InlineData("docs/scripts.md", "docs/examples", 1)]
    [InlineData("docs/semantics.md", "docs/examples", 1)]
    public void EveryFlowExample_ValidatesWithTheScriptsItNames(string page, string scriptsBeside, int atLeast)
    {
        var examples = FlowBlock().Matches(Read(page)).Select(m => m.Groups["code"].Value).ToList();
        Assert.True(examples.Count >= atLeast, $"{page}: {examples.Count} examples");
        foreach (var example in examples)
        {
            using var folder = new TempFolder();
            CopyFolder(Path.Combine(AppContext.BaseDirectory, scriptsBeside, "scripts"), Path.Combine(folder.Path, "scripts"));
            var file = Path.Combine(folder.Path, "example.flow");
            File.WriteAllText(file, example);

            var result = FlowCompiler.Compile([file], Compile.Options);

            Assert.True(result.Workflows.Count > 0, $"{page}: no workflow in\n{example}");
            Assert.Empty(result.Diagnostics.Where(d => d.IsError).Select(d => $"{page}: {d}"));
        }
    }

    [Fact]
    public void EveryDocsPage_IsTested()
    {
        var pages = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "docs"), "*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        // The pages other than those of the theory above hold no .flow example; a new page with one belongs in the theory.
        Assert.Equal(["api.md", "architecture.md", "cli.md", "configuration.md", "editors.md", "language.md", "operations.md", "sandbox.md", "scripts.md", "semantics.md", "telemetry.md"], pages);
        Assert.Empty(FlowBlock().Matches(Read("docs/api.md")));
        Assert.Empty(FlowBlock().Matches(Read("docs/architecture.md")));
        Assert.Empty(FlowBlock().Matches(Read("docs/cli.md")));
        Assert.Empty(FlowBlock().Matches(Read("docs/configuration.md")));
        Assert.Empty(FlowBlock().Matches(Read("docs/editors.md")));
        Assert.Empty(FlowBlock().Matches(Read("docs/operations.md")));
        Assert.Empty(FlowBlock().Matches(Read("docs/sandbox.md")));
        Assert.Empty(FlowBlock().Matches(Read("docs/telemetry.md")));
    }

    [Fact]
    public void TheReadmesBundledExample_IsTheBundledFile()
    {
        var quoted = FlowBlock().Matches(Read("README.md")).Select(m => m.Groups["code"].Value);

        Assert.Contains(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "nightly-etl.flow")).ReplaceLineEndings("\n"), quoted);
    }

    [GeneratedRegex(@"\]\((?<target>[^)#\s]+)(#[^)]*)?\)")]
    private static partial Regex MarkdownLink();

    /// <summary>The repository stands alone: no page links outside it (as the README once did to a folder beside it), nor to a file that is not there.</summary>
    [Fact]
    public void EveryLink_NamesAFileOrFolderInTheRepository()
    {
        var root = RepositoryRoot();
        var pages = Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Append(Path.Combine(root, "README.md"));
        var broken = new List<string>();
        foreach (var page in pages)
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(page)))
            {
                var target = link.Groups["target"].Value;
                if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal))
                    continue;
                var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, target));
                if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !(File.Exists(full) || Directory.Exists(full)))
                    broken.Add($"{Path.GetRelativePath(root, page)}: {target}");
            }

        Assert.Empty(broken);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Symbol.Orchestrator.sln")))
                return folder.FullName;
        throw new InvalidOperationException("no Symbol.Orchestrator.sln above " + AppContext.BaseDirectory);
    }

    private static string Read(string page) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, page)).ReplaceLineEndings("\n");

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
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

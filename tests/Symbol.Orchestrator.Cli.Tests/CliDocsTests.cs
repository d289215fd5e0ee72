using System.Text.Json;
using System.Text.RegularExpressions;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// <c>docs/cli.md</c> stays true: its <c>--json</c> examples on the bundled workflows are what the verbs print today, exactly
/// where the output depends only on the command line, field for field where it holds ids and times of a real run.
/// </summary>
public sealed partial class CliDocsTests
{
    private static readonly string Root = ShippedExamplesTests.RepositoryRoot();
    private static readonly string Doc = File.ReadAllText(Path.Combine(Root, "docs", "cli.md")).ReplaceLineEndings("\n");

    // "$ orchestrator VERB ARGS" and the lines up to the next "$ " or the block's end.
    [GeneratedRegex(@"^\$ orchestrator (?<args>[^\n]*)\n(?<output>(?:(?!\$ |```)[^\n]*\n)*)", RegexOptions.Multiline)]
    private static partial Regex Example();

    private static IEnumerable<(string[] Args, string Output)> JsonExamples() =>
        Example().Matches(Doc)
            .Select(m => (Args: m.Groups["args"].Value.Split(' '), Output: m.Groups["output"].Value))
            .Where(e => e.Args.Contains("--json") && e.Output.StartsWith('{'));

    [Theory]
    [InlineData("validate")]
    [InlineData("preview")]
    public void ADocumentedDocumentThatDependsOnlyOnTheCommandLineIsWhatTheVerbPrints(string verb)
    {
        var examples = JsonExamples().Where(e => e.Args[0] == verb && e.Args[1].StartsWith("workflows", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(examples);
        foreach (var (args, output) in examples)
        {
            var run = CliRun.Of(args.Select(a => a.StartsWith("workflows", StringComparison.Ordinal) ? Path.Combine(Root, a) : a).ToArray());

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(output.Trim(), run.Out.Replace(Root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).ReplaceLineEndings("\n").Trim());
        }
    }

    [Fact]
    public void TheDocumentedRunDocumentsHaveTheFieldsTheVerbsPrint()
    {
        using var folder = new TempFolder();
        string[] store = ["--state", Path.Combine(folder.Path, "state.db"), "--data", Path.Combine(folder.Path, "data")];
        var trigger = CliRun.Of(["trigger", Path.Combine(Root, "workflows", "microservices.flow"), "--json", .. store]);
        var runId = trigger.Json().GetProperty("runId").GetString()!;
        var printed = new Dictionary<string, CliRun>
        {
            ["trigger"] = trigger,
            ["runs"] = CliRun.Of(["runs", "--json", "--limit", "1", .. store]),
            ["show"] = CliRun.Of(["show", runId, "--json", .. store]),
        };

        var documented = JsonExamples().Where(e => printed.ContainsKey(e.Args[0])).ToList();

        Assert.Equal(["runs", "trigger"], documented.Select(e => e.Args[0]).Distinct().Order());
        foreach (var (args, output) in documented)
        {
            using var page = JsonDocument.Parse(output);
            Assert.Equal(Fields(printed[args[0]].Json()), Fields(page.RootElement));
        }
        // show prints the document trigger does.
        Assert.Equal(Fields(trigger.Json()), Fields(printed["show"].Json()));
    }

    // Every property path of a document, array items merged: runs[].runId, jobs[].attemptHistory[].durationMs.
    private static SortedSet<string> Fields(JsonElement element, string path = "")
    {
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    fields.Add(name);
                    // An output is the script's own JSON: its fields are not the document's.
                    if (property.Name != "output")
                        fields.UnionWith(Fields(property.Value, name));
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    fields.UnionWith(Fields(item, path + "[]"));
                break;
        }
        return fields;
    }
}

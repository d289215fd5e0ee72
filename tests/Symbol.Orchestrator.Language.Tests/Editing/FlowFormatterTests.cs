using System.Text.Json;
using Symbol.Orchestrator.Language.Formatting;

namespace Symbol.Orchestrator.Language.Tests.Editing;

public class FlowFormatterTests
{
    [Fact]
    public void Reindents_by_brace_depth_and_tidies_blank_lines_and_trailing_space()
    {
        const string messy = "\n\n# header  \nworkflow etl {   \n\n  schedule cron \"0 2 * * *\"\n\t\ttimezone \"Europe/Berlin\"   # the zone\n\n\n\n"
            + "        job ingest {\n\n   run ``` return 1; ```\n\n  }\n  job load    { run ``` return 2; ``` }\n\n  ingest -> load\n\n}\n\n\n";

        var formatted = FlowFormatter.Format(messy);

        Assert.Equal("""
            # header
            workflow etl {
                schedule cron "0 2 * * *"
                timezone "Europe/Berlin"   # the zone

                job ingest {
                    run ``` return 1; ```
                }
                job load    { run ``` return 2; ``` }

                ingest -> load
            }

            """, formatted);
    }

    [Fact]
    public void A_multi_line_script_block_moves_with_its_first_line()
    {
        const string text = "workflow w {\n  job a {\n      run ```\n          const x = 1;\n\n            return x;\n      ```\n  }\n}\n";

        var formatted = FlowFormatter.Format(text);

        Assert.Equal("workflow w {\n    job a {\n        run ```\n            const x = 1;\n\n              return x;\n        ```\n    }\n}\n", formatted);
    }

    [Fact]
    public void A_script_block_with_a_line_left_of_its_first_stays_as_written()
    {
        const string text = "workflow w {\njob a {\n            run ```\n  const x = 1;\n            return x;\n            ```\n}\n}\n";

        var formatted = FlowFormatter.Format(text);

        Assert.Equal("workflow w {\n    job a {\n        run ```\n  const x = 1;\n            return x;\n            ```\n    }\n}\n", formatted);
    }

    [Fact]
    public void Params_json_moves_as_a_whole_and_its_braces_do_not_count()
    {
        const string text = "workflow w {\n params {\n   \"a\": { \"b\": \"}\" },\n   \"c\": [1, 2]\n }\n job a { run ``` return params.a; ``` }\n}\n";

        var formatted = FlowFormatter.Format(text);

        Assert.Equal("workflow w {\n    params {\n      \"a\": { \"b\": \"}\" },\n      \"c\": [1, 2]\n    }\n    job a { run ``` return params.a; ``` }\n}\n", formatted);
    }

    [Fact]
    public void Comments_and_strings_are_kept_as_written()
    {
        const string text = "// top { not a brace\nworkflow w {   // opens {\n# inside }}}\n    job a { run file \"scripts/a {b}.js\" }   # done\n}\n";

        var formatted = FlowFormatter.Format(text);

        Assert.Equal("// top { not a brace\nworkflow w {   // opens {\n    # inside }}}\n    job a { run file \"scripts/a {b}.js\" }   # done\n}\n", formatted);
    }

    [Fact]
    public void A_file_with_a_syntax_error_comes_back_unchanged()
    {
        const string text = "workflow w {\n      job a { retires 2 run ``` return 1; ``` }\n}\n\n\n";

        Assert.Equal(text, FlowFormatter.Format(text));
    }

    [Fact]
    public void Crlf_input_stays_crlf()
    {
        const string text = "workflow w {\r\n\r\n\r\njob a {\r\n run ```\r\n   return 1;\r\n ```\r\n}   \r\n}";

        var formatted = FlowFormatter.Format(text);

        Assert.Equal("workflow w {\r\n    job a {\r\n        run ```\r\n          return 1;\r\n        ```\r\n    }\r\n}\r\n", formatted);
    }

    [Fact]
    public void The_example_of_docs_editors_md_formats_as_it_says()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "editors.md"));
        string Block(string after)
        {
            int start = doc.IndexOf("````\n", doc.IndexOf(after, StringComparison.Ordinal), StringComparison.Ordinal) + 5;
            return doc[start..(doc.IndexOf("````", start, StringComparison.Ordinal))];
        }

        Assert.Equal(Block("becomes:"), FlowFormatter.Format(Block("the same before and after. This:")));
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "workflows", "Corpus", "docs" })
            foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, folder), "*.flow", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(AppContext.BaseDirectory, file));
        foreach (var (name, text) in DocsExamples())
            data.Add("docs example: " + name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Formatting_is_idempotent_and_compiles_to_the_same_workflows(string file)
    {
        var text = file.StartsWith("docs example: ", StringComparison.Ordinal)
            ? DocsExamples().Single(e => "docs example: " + e.Name == file).Text
            : File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file));

        var once = FlowFormatter.Format(text);
        var twice = FlowFormatter.Format(once);

        Assert.Equal(once, twice);
        var path = Path.Combine(AppContext.BaseDirectory, file.StartsWith("docs example: ", StringComparison.Ordinal) ? "docs/examples/x.flow" : file);
        Assert.Equal(Shape(text, path), Shape(once, path));
    }

    // The workflows a text compiles to, positions aside (lines move), scripts compared line by line without their indentation.
    private static string Shape(string text, string path)
    {
        var compiled = FlowCompiler.CompileSources([(path, text)], Compile.Options, full => File.Exists(full) ? File.ReadAllText(full) : null);
        var workflows = compiled.Workflows.Select(w => new
        {
            w.Name,
            Schedules = w.Schedules.Select(s => s.Text).ToArray(),
            Zone = w.TimeZone.Id,
            w.Catchup,
            w.Concurrency,
            w.Overlap,
            w.QueueMax,
            Params = JsonSerializer.Serialize(JsonDocument.Parse(w.ParamsJson)),
            Uses = w.Uses.Select(u => Code(u.Code)).ToArray(),
            Jobs = w.Jobs.Concat(w.Handlers.Select(h => h.Job)).Select(j => new { j.Name, j.Retry, j.Timeout, j.Upstream, Script = Code(j.Script.Code) }).ToArray(),
            Edges = w.Edges.Select(e => $"{e.From}->{e.To}").ToArray(),
        });
        var errors = compiled.Diagnostics.Select(d => $"{d.Severity} {d.Message}");
        return JsonSerializer.Serialize(new { workflows, errors });
    }

    private static string Code(string code) => string.Join("\n", code.Split('\n').Select(l => l.Trim()));

    private static IEnumerable<(string Name, string Text)> DocsExamples()
    {
        foreach (var doc in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            var parts = File.ReadAllText(doc).Split("````flow\n");
            for (int k = 1; k < parts.Length; k++)
                yield return ($"{Path.GetFileName(doc)}#{k}", parts[k][..parts[k].IndexOf("````", StringComparison.Ordinal)]);
        }
    }
}

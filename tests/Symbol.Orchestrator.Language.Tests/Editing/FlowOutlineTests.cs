using Symbol.Orchestrator.Language.Editing;

namespace Symbol.Orchestrator.Language.Tests.Editing;

public class FlowOutlineTests
{
    private const string Etl = """
        # Nightly ETL
        workflow etl {
            schedule cron "0 2 * * *"
            timezone "Europe/Berlin"
            use file "scripts/helpers.js"
            retries 2 backoff 10s

            job ingest { run ``` return { count: 3 }; ``` }
            job transform {
                timeout 1m
                run file "scripts/transform.js"
            }
            job load { run ``` return inputs.transform; ``` }
            on failure { run ``` log("failed"); ``` }

            ingest -> transform, missing -> load
        }

        workflow second { job only { run ``` return 1; ``` } }
        """;

    [Fact]
    public void Workflows_and_jobs_have_their_names_and_whole_blocks_as_ranges()
    {
        var outline = FlowOutline.Parse("etl.flow", Etl);

        Assert.Equal(["etl", "second"], outline.Workflows.Select(w => w.Name));
        var etl = outline.Workflows[0];
        Assert.Equal("etl", Cursor.Slice(outline, etl.NameRange));
        Assert.StartsWith("workflow etl {", Cursor.Slice(outline, etl.Range), StringComparison.Ordinal);
        Assert.EndsWith("missing -> load\n}", Cursor.Slice(outline, etl.Range), StringComparison.Ordinal);
        Assert.Equal(["ingest", "transform", "load", "on failure"], etl.Jobs.Select(j => j.Name));
        var transform = etl.FindJob("transform")!;
        Assert.Equal("job transform {\n        timeout 1m\n        run file \"scripts/transform.js\"\n    }", Cursor.Slice(outline, transform.Range));
        Assert.Equal("on failure", Cursor.Slice(outline, etl.Jobs[3].NameRange));
        Assert.True(etl.Jobs[3].IsHandler);
        Assert.False(outline.HasSyntaxErrors);
    }

    [Fact]
    public void Edges_resolve_each_name_to_its_job_or_to_none()
    {
        var outline = FlowOutline.Parse("etl.flow", Etl);
        var etl = outline.Workflows[0];

        var names = etl.Edges.Single().Groups.SelectMany(g => g).ToList();
        Assert.Equal(["ingest", "transform", "missing", "load"], names.Select(n => n.Name));
        Assert.All(names, n => Assert.Equal(n.Name, Cursor.Slice(outline, n.Range)));
        Assert.Same(etl.FindJob("transform"), names[1].Job);
        Assert.Null(names[2].Job);
        Assert.Equal(["ingest"], etl.Upstream("transform"));
        Assert.Equal(["load"], etl.Downstream("transform"));
    }

    [Fact]
    public void Schedules_settings_and_file_paths_are_listed_with_ranges_and_scopes()
    {
        var outline = FlowOutline.Parse("etl.flow", Etl);
        var etl = outline.Workflows[0];

        var schedule = Assert.Single(etl.Schedules);
        Assert.Equal(("cron", "\"0 2 * * *\""), (schedule.Kind, schedule.Text));
        Assert.Equal("schedule cron \"0 2 * * *\"", Cursor.Slice(outline, schedule.Range));
        Assert.Equal("Europe/Berlin", etl.TimeZone);
        Assert.Contains(etl.Settings, s => s is { Keyword: "timeout", Scope: SettingScope.Job });
        Assert.Contains(etl.Settings, s => s is { Keyword: "retries", Scope: SettingScope.Workflow });
        Assert.Contains(etl.Settings, s => s is { Keyword: "run", Scope: SettingScope.Handler });
        Assert.All(etl.Settings, s => Assert.Equal(s.Keyword, Cursor.Slice(outline, s.Range)));
        Assert.Equal([("use file", "scripts/helpers.js"), ("run file", "scripts/transform.js")], etl.Files.Select(f => (f.Statement, f.Path)));
        Assert.Equal("\"scripts/transform.js\"", Cursor.Slice(outline, etl.Files[1].Range));
    }

    [Fact]
    public void A_broken_file_still_outlines_what_parsed()
    {
        const string text = """
            workflow w {
                schedule cron "0 2 * * *"
                job a {
                    retires 2
                    run ``` return 1; ```
                }
                job b { run ``` return 2; ```
                a -> b
            }
            workflow unclosed {
                job c { run ``` return 3; ``` }
            """;

        var outline = FlowOutline.Parse("broken.flow", text);

        Assert.True(outline.HasSyntaxErrors);
        Assert.Equal(["w", "unclosed"], outline.Workflows.Select(w => w.Name));
        var w = outline.Workflows[0];
        Assert.Equal(["a", "b"], w.Jobs.Select(j => j.Name));
        // b's brace is missing: its block stops where the edges begin, as the parser decided.
        Assert.Equal("job b { run ``` return 2; ```", Cursor.Slice(outline, w.FindJob("b")!.Range));
        Assert.Equal(["a", "b"], w.Edges.Single().Groups.SelectMany(g => g).Select(n => n.Job?.Name));
        Assert.EndsWith("job c { run ``` return 3; ``` }", Cursor.Slice(outline, outline.Workflows[1].Range), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_short_keeps_the_workflow_and_job_it_opened()
    {
        var outline = FlowOutline.Parse("x.flow", "workflow w { job a { run file \"");

        var w = Assert.Single(outline.Workflows);
        Assert.Equal("a", Assert.Single(w.Jobs).Name);
        Assert.True(outline.HasSyntaxErrors);
    }
}

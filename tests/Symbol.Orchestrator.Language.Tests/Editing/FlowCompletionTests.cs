using Symbol.Orchestrator.Language.Editing;

namespace Symbol.Orchestrator.Language.Tests.Editing;

public class FlowCompletionTests
{
    private static IReadOnlyList<FlowCompletionItem> At(string marked, Func<string, IReadOnlyList<string>>? scripts = null)
    {
        var (outline, position) = Cursor.In(marked);
        return FlowCompletion.At(outline, position, Compile.Options, scripts ?? (_ => []));
    }

    private static string[] Labels(string marked) => At(marked).Select(i => i.Label).ToArray();

    [Fact]
    public void At_top_level_only_workflow_is_offered()
    {
        Assert.Equal(["workflow"], Labels("# a file\n$$"));
        Assert.Equal(["workflow"], Labels("workflow a { job x { run ``` ``` } }\nwo$$"));
    }

    [Fact]
    public void Inside_a_workflow_its_settings_job_and_handler_are_offered_with_their_meaning()
    {
        var items = At("workflow w {\n    $$\n}");

        Assert.Equal(["schedule", "timezone", "catchup", "concurrency", "overlap", "params", "use", "retries", "timeout", "job", "on"], items.Select(i => i.Label));
        var catchup = items.Single(i => i.Label == "catchup");
        Assert.Equal(FlowCompletionKind.Setting, catchup.Kind);
        Assert.Equal("catchup none|latest|all [within D]", catchup.Detail);
        Assert.Contains("Default: latest.", catchup.Documentation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("workflow w {\n    job a {\n        $$\n    }\n}")]
    [InlineData("workflow w {\n    on failure {\n        ti$$\n    }\n}")]
    public void Inside_a_job_or_a_handler_only_job_settings_are_offered(string marked) =>
        Assert.Equal(["retries", "timeout", "run"], Labels(marked));

    [Theory]
    [InlineData("workflow w {\n    timezone \"UTC\"\n    schedule every 1h\n    use file \"a.js\"\n    $$\n}",
        new[] { "schedule", "catchup", "concurrency", "overlap", "params", "use", "retries", "timeout", "job", "on" })]
    [InlineData("workflow w {\n    timeout 1m\n    job a {\n        run ``` ```\n        $$\n    }\n    job b { retries 1 run ``` ``` }\n}", new[] { "retries", "timeout" })]
    [InlineData("workflow w {\n    job a {\n        time$$out 5m\n    }\n}", new[] { "retries", "timeout", "run" })]
    public void A_setting_the_block_has_already_is_not_offered_again(string marked, string[] expected) =>
        Assert.Equal(expected, Labels(marked));

    [Fact]
    public void A_typed_word_is_replaced_whole()
    {
        var (outline, position) = Cursor.In("workflow w {\n    sche$$dul\n}");

        var item = FlowCompletion.At(outline, position, Compile.Options, _ => []).Single(i => i.Label == "schedule");

        Assert.Equal("schedul", Cursor.Slice(outline, item.Replace));
    }

    [Theory]
    [InlineData("a -> $$", new[] { "b", "c", "d" })]
    [InlineData("a →$$", new[] { "b", "c", "d" })]
    [InlineData("a -> b, $$", new[] { "c", "d" })]
    [InlineData("a, b -> $$", new[] { "c", "d" })]
    [InlineData("a -> b -> $$", new[] { "a", "c", "d" })]
    [InlineData("a -> b\n    c -> $$", new[] { "a", "b", "d" })]
    [InlineData("b\n    c, $$", new[] { "a", "b", "d" })]
    public void After_an_arrow_or_a_comma_the_jobs_of_the_same_workflow_are_offered_but_the_group_being_joined_and_the_one_before_its_arrow(
        string edges, string[] expected)
    {
        var text = "workflow w {\n    job a { run ``` ``` }\n    job b { run ``` ``` }\n    job c { run ``` ``` }\n    job d { run ``` ``` }\n    "
                   + edges + "\n}\nworkflow other { job elsewhere { run ``` ``` } }";

        Assert.Equal(expected, Labels(text));
    }

    [Fact]
    public void At_a_line_start_in_a_workflow_job_names_come_after_the_settings()
    {
        var labels = Labels("workflow w {\n    job extract { run ``` ``` }\n    ex$$\n}");

        Assert.Equal("extract", labels[^1]);
        Assert.Contains("schedule", labels);
    }

    [Theory]
    [InlineData("workflow w {\n    catchup $$\n}", new[] { "none", "latest", "all" })]
    [InlineData("workflow w {\n    overlap $$\n}", new[] { "skip", "queue" })]
    [InlineData("workflow w {\n    schedule $$\n}", new[] { "cron", "at", "every" })]
    [InlineData("workflow w {\n    on $$\n}", new[] { "failure", "success", "exit" })]
    [InlineData("workflow w {\n    use $$\n}", new[] { "file" })]
    [InlineData("workflow w {\n    job a { run $$ }\n}", new[] { "file" })]
    [InlineData("workflow w {\n    concurrency $$\n}", new string[0])]
    [InlineData("workflow w {\n    job a { run ``` const x = $$ ``` }\n}", new string[0])]
    [InlineData("workflow w {\n    # a comment $$\n}", new string[0])]
    [InlineData("workflow w {\n    schedule at \"2027$$\"\n}", new string[0])]
    public void After_a_keyword_what_it_takes_is_offered(string marked, string[] expected) =>
        Assert.Equal(expected, Labels(marked));

    [Theory]
    [InlineData("workflow w {\n    retries 2 $$\n}", "backoff")]
    [InlineData("workflow w {\n    retries 2 backoff 10s $$\n}", "exponential")]
    [InlineData("workflow w {\n    catchup all $$\n}", "within")]
    [InlineData("workflow w {\n    overlap queue $$\n}", "max")]
    public void After_a_complete_statement_its_continuation_comes_first(string marked, string first)
    {
        var labels = Labels(marked);

        Assert.Equal(first, labels[0]);
        Assert.Contains("schedule", labels);
    }

    [Theory]
    [InlineData("workflow w {\n    catchup $$\n}", new[] { "none", "latest", "all" })]
    [InlineData("workflow w {\n    retries 2 $$\n}", new[] { "backoff" })]
    [InlineData("workflow w {\n    job a { run ``` ``` }\n    job b { run ``` ``` }\n    a -> $$\n}", new[] { "b" })]
    [InlineData("workflow w {\n    schedule cron \"0 2 * * *\" $$\n}", new string[0])]
    [InlineData("workflow w {\n    job a { run ``` ``` }\n    a $$\n}", new string[0])]
    [InlineData("workflow w { } $$", new string[0])]
    public void After_a_typed_space_only_what_the_word_before_takes_is_offered(string marked, string[] expected)
    {
        var (outline, position) = Cursor.In(marked);

        var items = FlowCompletion.At(outline, position, Compile.Options, _ => [], afterTypedSpace: true);

        Assert.Equal(expected, items.Select(i => i.Label));
    }

    [Fact]
    public void Inside_a_timezone_string_the_iana_zones_are_offered_in_place_of_its_content()
    {
        var (outline, position) = Cursor.In("workflow w {\n    timezone \"Europe/Be$$\"\n}");

        var items = FlowCompletion.At(outline, position, Compile.Options, _ => []);

        var berlin = items.Single(i => i.Label == "Europe/Berlin");
        Assert.Equal(FlowCompletionKind.TimeZone, berlin.Kind);
        Assert.Equal("Europe/Berlin", berlin.InsertText);
        Assert.Equal("Europe/Be", Cursor.Slice(outline, berlin.Replace));
        Assert.Equal("UTC+01:00, with DST", berlin.Detail);
        Assert.Contains(items, i => i.Label == "America/New_York");
        Assert.Equal("UTC+09:00", items.Single(i => i.Label == "Asia/Tokyo").Detail);
    }

    [Theory]
    [InlineData("workflow w {\n    schedule cron \"@$$\"\n}")]
    [InlineData("workflow w {\n    schedule \"$$\"\n}")]
    public void Inside_a_cron_string_the_macros_are_offered_in_words(string marked)
    {
        var items = At(marked);

        Assert.Equal(["@hourly", "@daily", "@weekly", "@monthly", "@yearly"], items.Select(i => i.Label));
        Assert.Equal("every day at 00:00", items[1].Detail);
    }

    [Fact]
    public void After_timezone_the_zones_come_quoted()
    {
        var item = At("workflow w {\n    timezone $$\n}").Single(i => i.Label == "Asia/Tokyo");

        Assert.Equal("\"Asia/Tokyo\"", item.InsertText);
    }

    [Fact]
    public void Inside_a_run_file_string_the_scripts_beside_the_file_are_offered()
    {
        string? asked = null;
        var items = At("workflow w {\n    job a { run file \"scr$$\" }\n}", folder =>
        {
            asked = folder;
            return ["scripts/transform.js", "helpers.js"];
        });

        Assert.Equal(["scripts/transform.js", "helpers.js"], items.Select(i => i.Label));
        Assert.All(items, i => Assert.Equal(FlowCompletionKind.File, i.Kind));
        Assert.Equal(Path.GetDirectoryName(Path.GetFullPath("test.flow")), asked);
    }

    [Fact]
    public void Inside_a_use_file_string_left_open_the_scripts_are_offered()
    {
        Assert.Equal(["a.js"], At("workflow w {\n    use file \"$$\n}", _ => ["a.js"]).Select(i => i.Label));
    }

    [Fact]
    public void Scripts_on_disk_are_listed_relative_to_the_folder_with_slashes()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "scripts", "lib"));
        File.WriteAllText(Path.Combine(folder.Path, "scripts", "lib", "a.js"), "");
        File.WriteAllText(Path.Combine(folder.Path, "b.js"), "");
        File.WriteAllText(Path.Combine(folder.Path, "c.txt"), "");
        Directory.CreateDirectory(Path.Combine(folder.Path, "node_modules", "left-pad"));
        File.WriteAllText(Path.Combine(folder.Path, "node_modules", "left-pad", "index.js"), "");
        Directory.CreateDirectory(Path.Combine(folder.Path, ".git"));
        File.WriteAllText(Path.Combine(folder.Path, ".git", "hook.js"), "");

        Assert.Equal(["b.js", "scripts/lib/a.js"], ScriptListing.FromDisk(folder.Path));
        Assert.Empty(ScriptListing.FromDisk(Path.Combine(folder.Path, "missing")));
    }
}

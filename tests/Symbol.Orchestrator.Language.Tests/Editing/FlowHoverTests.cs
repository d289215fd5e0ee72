using Symbol.Orchestrator.Language.Editing;

namespace Symbol.Orchestrator.Language.Tests.Editing;

public class FlowHoverTests
{
    private static readonly DateTimeOffset BeforeSpringForward = new(2027, 3, 25, 12, 0, 0, TimeSpan.Zero);

    private static string? At(string marked, DateTimeOffset? now = null)
    {
        var (outline, position) = Cursor.In(marked);
        return FlowHover.At(outline, position, Compile.Options, now ?? Compile.Now);
    }

    [Fact]
    public void A_cron_schedule_shows_its_next_five_fires_in_the_workflow_zone_with_the_dst_note()
    {
        var hover = At("workflow w {\n    sche$$dule cron \"30 2 * * *\"\n    timezone \"Europe/Berlin\"\n    job a { run ``` ``` }\n}", BeforeSpringForward);

        Assert.Equal("""
            **cron "30 2 \* \* \*"**: every day at 02:30, in Europe/Berlin

            Next 5 fires:
            - `2027-03-26T02:30:00+01:00`
            - `2027-03-27T02:30:00+01:00`
            - `2027-03-28T03:00:00+02:00` DST: 02:30 does not exist (DST starts); fired at 03:00
            - `2027-03-29T02:30:00+02:00`
            - `2027-03-30T02:30:00+02:00`
            """, hover);
    }

    [Fact]
    public void A_schedule_without_a_zone_uses_the_default_zone_and_every_reads_in_words()
    {
        var hover = At("workflow w {\n    schedule every 15$$m\n}", new DateTimeOffset(2026, 6, 1, 12, 7, 0, TimeSpan.Zero));

        Assert.StartsWith("**every 15m**: every 15 minutes, in UTC", hover, StringComparison.Ordinal);
        Assert.Contains("- `2026-06-01T12:15:00+00:00`", hover, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schedule_that_does_not_bind_shows_why()
    {
        var hover = At("workflow w {\n    schedule cron \"0 2 * $$*\"\n}");

        Assert.Contains("Error: invalid cron expression", hover, StringComparison.Ordinal);
        Assert.DoesNotContain("Next", hover, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_off_in_the_past_says_so()
    {
        var hover = At("workflow w {\n    schedule at \"2020-01-01T00:00$$\"\n}");

        Assert.Contains("Warning: one-off time 2020-01-01T00:00:00+00:00 is in the past", hover, StringComparison.Ordinal);
        Assert.EndsWith("No fire after now.", hover, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_off_to_come_is_its_one_fire()
    {
        var hover = At("workflow w {\n    timezone \"America/New_York\"\n    schedule at \"2030-01-01T03:00$$\"\n}");

        Assert.Equal("**at \"2030-01-01T03:00\"**: once, at 2030-01-01T03:00, in America/New_York\n\nNext fire:\n- `2030-01-01T03:00:00-05:00`", hover);
    }

    private const string Etl = "workflow etl {\n    job ingest { run ``` ``` }\n    job transform { run ``` ``` }\n    job validate { run ``` ``` }\n    job load { run ``` ``` }\n"
        + "    on failure { run ``` ``` }\n    ingest -> transform, validate -> load\n}";

    [Fact]
    public void A_job_name_in_an_edge_shows_its_upstream_and_downstream()
    {
        var hover = At(Etl.Replace("-> transform,", "-> trans$$form,", StringComparison.Ordinal));

        Assert.Equal("**job** `transform` in workflow `etl`\n\nWaits for: `ingest`\n\nThen: `load`", hover);
    }

    [Fact]
    public void A_job_declaration_shows_the_same()
    {
        var hover = At(Etl.Replace("job load", "job lo$$ad", StringComparison.Ordinal));

        Assert.Equal("**job** `load` in workflow `etl`\n\nWaits for: `transform`, `validate`\n\nThen: nothing waits for it", hover);
    }

    [Fact]
    public void A_workflow_name_shows_its_schedules_and_job_count()
    {
        var hover = At("workflow ni$$ghtly {\n    schedule cron \"0 2 * * *\"\n    schedule every 1h\n    job a { run ``` ``` }\n    job b { run ``` ``` }\n}");

        Assert.Equal("**workflow** `nightly`: 2 jobs\n\n- every day at 02:00 (`cron \"0 2 * * *\"`)\n- every hour (`every 1h`)\n\nTime zone: UTC (the default)", hover);
    }

    [Fact]
    public void An_unknown_zone_is_said_so_and_the_fires_are_shown_in_the_default_one()
    {
        var schedule = At("workflow w {\n    schedule cron \"0 2 * * *$$\"\n    timezone \"America/Chi\"\n}");
        var workflow = At("workflow $$w {\n    schedule cron \"0 2 * * *\"\n    timezone \"America/Chi\"\n}");

        Assert.Contains("in UTC\n\nError: unknown time zone \"America/Chi\"; shown in the default zone.", schedule, StringComparison.Ordinal);
        Assert.EndsWith("Time zone: unknown \"America/Chi\"", workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_path_shows_where_it_points_and_whether_the_file_is_there()
    {
        var (outline, position) = Cursor.In("workflow w {\n    job a { run file \"scripts/lo$$ad.js\" }\n}", "flows/w.flow");
        var full = Path.GetFullPath("flows/scripts/load.js");

        Assert.Equal($"**run file**: the job's script\n\n`{full}` (found)", FlowHover.At(outline, position, Compile.Options, Compile.Now, p => p == full));
        Assert.EndsWith("(not found)", FlowHover.At(outline, position, Compile.Options, Compile.Now, _ => false), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("workflow w {\n    concur$$rency 2\n}", "The most runs of this workflow active at once.", "Default: 1.")]
    [InlineData("workflow w {\n    job a { time$$out 5m run ``` ``` }\n}", "The longest one attempt may run.", "Default: Script:Timeout of orchestrator.json (30s).")]
    [InlineData("workflow w {\n    catchup lat$$est\n}", "Run once, for the newest missed fire.", "catchup latest")]
    public void A_setting_keyword_shows_what_it_means_and_its_default(string marked, string meaning, string more)
    {
        var hover = At(marked);

        Assert.Contains(meaning, hover, StringComparison.Ordinal);
        Assert.Contains(more, hover, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("workflow w {\n    job a { run ``` const conc$$urrency = 1; ``` }\n}")]
    [InlineData("workflow w {\n  $$  job a { run ``` ``` }\n}")]
    [InlineData("# timeout $$here\nworkflow w { job a { run ``` ``` } }")]
    public void Inside_scripts_comments_and_white_space_there_is_nothing_to_show(string marked) =>
        Assert.Null(At(marked));
}

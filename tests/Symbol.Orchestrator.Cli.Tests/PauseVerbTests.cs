using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// <c>pause</c> and <c>unpause</c> over a configuration of their own (its workflows folder and store), and how
/// <c>runs</c>, <c>show</c>, <c>preview</c> and <c>trigger</c> mark a paused workflow.
/// </summary>
public sealed class PauseVerbTests : IDisposable
{
    // Fires at 02:00 in Berlin; the tests run at 2027-03-01T12:00Z, so the next fire is 2027-03-02T02:00+01:00.
    private const string Etl = """
        workflow etl {
            schedule cron "0 2 * * *"
            timezone "Europe/Berlin"
            job a { run ``` return 1; ``` }
        }
        """;

    private readonly TempFolder _folder = new();

    public PauseVerbTests()
    {
        Directory.CreateDirectory(_folder.File("workflows"));
        _folder.Write("workflows/etl.flow", Etl);
        _folder.Write("orchestrator.json", """{ "Orchestrator": { "Workflows": "workflows", "State": "state.db", "Data": "data" } }""");
    }

    public void Dispose() => _folder.Dispose();

    private string State => _folder.File("state.db");

    private CliRun Verb(params string[] args) => CliRun.Of([.. args, "--config", _folder.File("orchestrator.json")]);

    private CliRun VerbAt(DateTimeOffset now, params string[] args) => CliRun.At(now, [.. args, "--config", _folder.File("orchestrator.json")]);

    [Fact]
    public void PauseSaysWhatHappensNextAndAgainSaysItAlreadyWas()
    {
        var first = Verb("pause", "etl");
        var again = VerbAt(CliRun.Now.AddHours(1), "pause", "etl");

        Assert.Equal((0, "paused etl: its fires are skipped until `orchestrator unpause etl`; manual triggers still run\n", ""),
            (first.ExitCode, first.Out.ReplaceLineEndings("\n"), first.Error));
        Assert.Equal(0, again.ExitCode);
        Assert.StartsWith("etl was already paused (since 2027-03-01T12:00:00+00:00): its fires are skipped", again.Out);
    }

    [Fact]
    public void UnpauseNamesTheNextFireInTheWorkflowsZoneAndAgainSaysItWasNotPaused()
    {
        Verb("pause", "etl");

        var first = Verb("unpause", "etl");
        var again = Verb("unpause", "etl");

        Assert.Equal((0, "unpaused etl: next fire 2027-03-02T02:00:00+01:00"), (first.ExitCode, first.Out.Trim()));
        Assert.Equal((0, "etl was not paused: next fire 2027-03-02T02:00:00+01:00"), (again.ExitCode, again.Out.Trim()));
    }

    [Fact]
    public void JsonSaysWhetherTheVerbChangedAnythingAndSinceWhenTheWorkflowIsPaused()
    {
        var paused = Verb("pause", "etl", "--json").Json();
        var again = VerbAt(CliRun.Now.AddHours(1), "pause", "etl", "--json").Json();
        var unpaused = Verb("unpause", "etl", "--json").Json();

        Assert.Equal(("etl", true, "2027-03-01T12:00:00+00:00", true),
            (paused.GetProperty("workflow").GetString(), paused.GetProperty("paused").GetBoolean(), paused.GetProperty("since").GetString(), paused.GetProperty("changed").GetBoolean()));
        // The pause kept is the first one: it has held since then.
        Assert.Equal((true, "2027-03-01T12:00:00+00:00", false),
            (again.GetProperty("paused").GetBoolean(), again.GetProperty("since").GetString(), again.GetProperty("changed").GetBoolean()));
        Assert.Equal((false, System.Text.Json.JsonValueKind.Null, true),
            (unpaused.GetProperty("paused").GetBoolean(), unpaused.GetProperty("since").ValueKind, unpaused.GetProperty("changed").GetBoolean()));
    }

    [Fact]
    public void AnUnknownNameExits1WithADidYouMeanAndCreatesNoStore()
    {
        var run = Verb("pause", "elt");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: no workflow named 'elt' in {_folder.File("workflows")} (did you mean 'etl'?)", run.Error.Trim());
        Assert.Equal("", run.Out);
        Assert.False(File.Exists(State));
    }

    [Fact]
    public void ANameOnlyTheStoreKnowsCanBePausedAndATypoOfItGetsADidYouMean()
    {
        // A run of a workflow whose file is not in the workflows folder (triggered from elsewhere, or since removed).
        var adhoc = _folder.Write("adhoc.flow", "workflow adhoc_report { job a { run ``` return 1; ``` } }");
        Assert.Equal(0, Verb("trigger", adhoc).ExitCode);

        var known = Verb("pause", "adhoc_report");
        var typo = Verb("unpause", "adhoc_reprt");

        Assert.Equal(0, known.ExitCode);
        Assert.Equal(1, typo.ExitCode);
        Assert.Contains($"nor in the store {State} (did you mean 'adhoc_report'?)", typo.Error);
    }

    [Fact]
    public void AWorkflowWhoseFileHasErrorsCanBePausedWhileItIsFixed()
    {
        _folder.Write("workflows/fixing.flow", "workflow fixing {\n    schedule cron \"0 * * * *\"\n    job a { }\n}\n");

        var paused = Verb("pause", "fixing");
        var unpaused = Verb("unpause", "fixing");

        Assert.Equal((0, ""), (paused.ExitCode, paused.Error));
        Assert.Equal("unpaused fixing: next fire unknown: its file has errors (orchestrator validate says which)", unpaused.Out.Trim());
    }

    [Fact]
    public async Task UnpauseMovesTheWatermarkSoAHostStartedLaterDoesNotCatchUpThePausedTime()
    {
        await using (var store = await SqliteStateStore.OpenAsync(State, new FakeTimeProvider(CliRun.Now)))
            await store.AdvanceWatermarkAsync("etl", CliRun.Now.AddDays(-3));
        VerbAt(CliRun.Now.AddDays(-2), "pause", "etl");

        Verb("unpause", "etl");

        await using var reopened = await SqliteStateStore.OpenAsync(State, new FakeTimeProvider(CliRun.Now));
        Assert.Equal(CliRun.Now, await reopened.GetWatermarkAsync("etl"));
        Assert.Empty(await reopened.ListPausedAsync());
    }

    [Fact]
    public void RunsListsThePausedWorkflowsAboveItsTableAndInItsJson()
    {
        var triggered = Verb("trigger", _folder.File("workflows/etl.flow"));
        Verb("pause", "etl");

        var text = Verb("runs");
        var json = Verb("runs", "--json").Json();
        var other = Verb("runs", "--workflow", "other", "--json").Json();

        Assert.Equal(0, triggered.ExitCode);
        var lines = text.Out.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("paused: etl (since 2027-03-01T12:00:00+00:00; `orchestrator unpause etl` resumes it)", lines[0]);
        Assert.StartsWith("RUN ", lines[1]);
        var paused = Assert.Single(json.GetProperty("paused").EnumerateArray());
        Assert.Equal(("etl", "2027-03-01T12:00:00+00:00"), (paused.GetProperty("workflow").GetString(), paused.GetProperty("since").GetString()));
        Assert.Single(json.GetProperty("runs").EnumerateArray());
        Assert.Empty(other.GetProperty("paused").EnumerateArray());
    }

    [Fact]
    public void ShowMarksARunWhoseWorkflowIsPausedNow()
    {
        var runId = Verb("trigger", _folder.File("workflows/etl.flow"), "--json").Json().GetProperty("runId").GetString()!;
        var before = Verb("show", runId, "--json").Json();
        Verb("pause", "etl");

        var text = Verb("show", runId);
        var json = Verb("show", runId, "--json").Json();

        Assert.False(before.GetProperty("workflowPaused").GetBoolean());
        Assert.True(json.GetProperty("workflowPaused").GetBoolean());
        Assert.Contains("  workflow etl is paused now (since 2027-03-01T12:00:00+00:00): its fires are skipped until `orchestrator unpause etl`", text.Out);
    }

    [Fact]
    public void PreviewMarksAPausedWorkflowFromTheStoreAndWithoutOneMarksNothingAndCreatesNothing()
    {
        var flow = _folder.File("workflows");
        var unmarked = Verb("preview", flow, "--json").Json();
        Assert.False(File.Exists(State));
        Verb("pause", "etl");

        var text = Verb("preview", flow, "--count", "1");
        var json = Verb("preview", flow, "--json").Json();
        var elsewhere = CliRun.Of("preview", flow, "--state", _folder.File("nothing-here.db"), "--json").Json();

        Assert.False(unmarked.GetProperty("workflows")[0].GetProperty("paused").GetBoolean());
        Assert.True(json.GetProperty("workflows")[0].GetProperty("paused").GetBoolean());
        Assert.Matches(@"^workflow etl  \(.*etl\.flow:1:10\)  paused since 2027-03-01T12:00:00\+00:00\n", text.Out.ReplaceLineEndings("\n"));
        // The next fires are still listed: they are what a host skips while the workflow stays paused.
        Assert.Contains("next       2027-03-02T02:00:00+01:00", text.Out);
        Assert.False(elsewhere.GetProperty("workflows")[0].GetProperty("paused").GetBoolean());
        Assert.False(File.Exists(_folder.File("nothing-here.db")));
    }

    [Fact]
    public async Task ATriggerOfAPausedWorkflowRunsAnywayWithANoteOnStderr()
    {
        Verb("pause", "etl");

        var run = Verb("trigger", _folder.File("workflows/etl.flow"), "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("succeeded", run.Json().GetProperty("status").GetString());
        Assert.Contains("note: workflow etl is paused (since 2027-03-01T12:00:00+00:00): this manual run goes ahead; its scheduled fires stay skipped until `orchestrator unpause etl`", run.Error);
        await using var store = await SqliteStateStore.OpenAsync(State, new FakeTimeProvider(CliRun.Now));
        Assert.Equal(RunStatus.Succeeded, Assert.Single(await store.ListRunsAsync("etl", 10)).Status);
    }
}

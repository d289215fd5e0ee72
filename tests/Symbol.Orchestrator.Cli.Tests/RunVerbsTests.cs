using System.Text.Json;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary><c>trigger</c>, <c>runs</c>, <c>show</c> and <c>retry</c> over a store and data folder of their own.</summary>
public sealed class RunVerbsTests : IDisposable
{
    private const string Demo = """
        workflow demo {
            params { "region": "eu", "batch": 500 }
            job ingest    { run ``` log(`ingest ${params.region}`); return { count: 3, batch: params.batch }; ``` }
            job transform { run ``` return inputs.ingest.count * 2; ``` }
            job check     { run ``` if (!files.exists("ready.txt")) throw new Error("ready.txt is missing"); return "ok"; ``` }
            job load      { run ``` return { total: inputs.transform }; ``` }
            ingest -> transform, check -> load
        }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string State => Path.Combine(_folder.Path, "state.db");

    private string Data => Path.Combine(_folder.Path, "data");

    private CliRun Verb(params string[] args) => CliRun.Of([.. args, "--state", State]);

    private CliRun Trigger(string flow, params string[] args) => Verb(["trigger", flow, "--data", Data, .. args]);

    private static string[] FirstWords(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal).ToArray();

    private void Ready() => File.WriteAllText(Path.Combine(Data, "ready.txt"), "");

    [Fact]
    public void TriggerThatSucceedsExits0AndPrintsTheRunAsJson()
    {
        var flow = _folder.Write("demo.flow", Demo);
        Directory.CreateDirectory(Data);
        Ready();

        var run = Trigger(flow, "--json", "--param", "region=us", "--param", "batch=7");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.StartsWith("demo@manual-", json.GetProperty("runId").GetString());
        Assert.Equal(("demo", "succeeded", "2027-03-01T12:00:00+00:00"),
            (json.GetProperty("workflow").GetString(), json.GetProperty("status").GetString(), json.GetProperty("scheduledAt").GetString()));
        var jobs = json.GetProperty("jobs").EnumerateArray().ToDictionary(j => j.GetProperty("name").GetString()!);
        Assert.Equal(["ingest", "transform", "check", "load"], jobs.Keys);
        Assert.Equal("""{"count":3,"batch":7}""", jobs["ingest"].GetProperty("output").GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", ""));
        Assert.Equal(["ingest us"], jobs["ingest"].GetProperty("logs").Strings());
        Assert.Equal((1, 0L, JsonValueKind.Null), (jobs["load"].GetProperty("attempts").GetInt32(), jobs["load"].GetProperty("durationMs").GetInt64(), jobs["load"].GetProperty("error").ValueKind));
        Assert.Contains("load", run.Error);
    }

    [Fact]
    public void TriggerThatFailsExits1AndPrintsEachJobAsItFinishes()
    {
        var flow = _folder.Write("demo.flow", Demo);

        var run = Trigger(flow);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"check\s+failed\s+1 attempt .*ready\.txt is missing \(at .*demo\.flow:5\)", run.Out);
        Assert.Matches(@"load\s+skipped\s+0 attempts", run.Out);
        Assert.Matches(@"run demo@manual-\S+ failed", run.Out);
    }

    [Fact]
    public void RunsAndShowReadBackATriggeredRun()
    {
        var flow = _folder.Write("demo.flow", Demo);
        var triggered = Trigger(flow, "--json").Json();
        var runId = triggered.GetProperty("runId").GetString()!;

        var runs = Verb("runs", "--json");
        var show = Verb("show", runId, "--json");
        var text = Verb("show", runId);

        var listed = Assert.Single(runs.Json().GetProperty("runs").EnumerateArray());
        Assert.Equal((runId, "failed", "manual"), (listed.GetProperty("runId").GetString(), listed.GetProperty("status").GetString(), listed.GetProperty("trigger").GetString()));
        Assert.Equal(triggered.GetRawText(), show.Json().GetRawText());
        Assert.Contains("attempt 1: failed", text.Out);
        Assert.Contains("| ingest eu", text.Out);
        Assert.Equal(0, Verb("runs", "--workflow", "other", "--json").Json().GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public void RetryAfterTheMissingFileIsCreatedRerunsTheFailedAndSkippedJobs()
    {
        var flow = _folder.Write("demo.flow", Demo);
        var runId = Trigger(flow, "--json").Json().GetProperty("runId").GetString()!;
        // The definition is recorded with the run: a broken file on disk does not matter to a retry.
        File.WriteAllText(flow, "workflow demo { nonsense");
        Ready();

        var retry = Verb("retry", runId, "--data", Data, "--json");

        Assert.Equal(0, retry.ExitCode);
        var jobs = retry.Json().GetProperty("jobs").EnumerateArray().ToDictionary(j => j.GetProperty("name").GetString()!);
        Assert.All(jobs.Values, j => Assert.Equal("succeeded", j.GetProperty("status").GetString()));
        Assert.Equal(["ingest eu"], jobs["ingest"].GetProperty("logs").Strings());
        Assert.DoesNotContain("ingest", retry.Error);
        Assert.Contains("check", retry.Error);
    }

    [Fact]
    public void RedirectedTriggerAndRetryPrintOnePlainLinePerFinishedJobAndNoTerminalCodes()
    {
        var flow = _folder.Write("demo.flow", Demo);

        var trigger = Trigger(flow);
        var runId = trigger.Out.Split('\n').Last(l => l.StartsWith("run ")).Split(' ')[1];
        Ready();
        var retry = Verb("retry", runId, "--data", Data);

        Assert.Equal((1, 0), (trigger.ExitCode, retry.ExitCode));
        Assert.DoesNotContain('\e', trigger.Out + retry.Out);
        // Plain lines come as jobs finish: no pending or running lines, one per job and the run's summary.
        Assert.Equal(["check", "ingest", "load", "run", "transform"], FirstWords(trigger.Out));
        Assert.Equal(["check", "load", "run"], FirstWords(retry.Out));
        Assert.DoesNotMatch(@"\b(pending|running)\b", trigger.Out + retry.Out);
        Assert.Matches(@"check\s+succeeded\s+2 attempts \(1 counted\) ", retry.Out);
    }

    [Fact]
    public void WithJsonTheJobLinesGoToStderrAndStdoutHoldsOnlyTheDocument()
    {
        var flow = _folder.Write("demo.flow", Demo);

        var run = Trigger(flow, "--json");

        Assert.Equal("demo", run.Json().GetProperty("workflow").GetString());
        Assert.Equal(4, run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains(" attempt")));
        Assert.DoesNotContain('\e', run.Out + run.Error);
    }

    [Fact]
    public void RetryOfAnUnknownRunOrJobAndShowOfAnUnknownRunExit1()
    {
        var flow = _folder.Write("demo.flow", Demo);
        var runId = Trigger(flow, "--json").Json().GetProperty("runId").GetString()!;

        Assert.Equal(1, Verb("retry", "nope", "--data", Data).ExitCode);
        Assert.Contains("no job 'nope'", Verb("retry", runId, "--job", "nope", "--data", Data).Error);
        Assert.Equal(1, Verb("show", "nope").ExitCode);
    }

    [Fact]
    public void ACorruptStoreIsRefusedWithAClearErrorAndLeftUntouched()
    {
        var flow = _folder.Write("demo.flow", Demo);
        File.WriteAllText(State, "this is not a database, but it is long enough to look at its header bytes properly....................................");
        var before = File.ReadAllBytes(State);

        var trigger = Trigger(flow);
        var runs = Verb("runs");

        Assert.Equal((1, 1), (trigger.ExitCode, runs.ExitCode));
        Assert.Contains(State, trigger.Error);
        Assert.Equal(before, File.ReadAllBytes(State));
    }

    [Fact]
    public void AConfigFilePlacesTheStoreAndDataRelativeToItsFolder()
    {
        var flow = _folder.Write("demo.flow", Demo);
        var config = _folder.Write("orchestrator.json", """{ "Orchestrator": { "State": "db/runs.db", "Data": "files", "MaxParallelJobs": 2 } }""");
        Directory.CreateDirectory(Path.Combine(_folder.Path, "files"));
        File.WriteAllText(Path.Combine(_folder.Path, "files", "ready.txt"), "");

        var run = CliRun.Of("trigger", flow, "--config", config);

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "db", "runs.db")));
    }

    [Fact]
    public void AParamWithoutAnEqualsSignIsAUsageError()
    {
        var flow = _folder.Write("demo.flow", Demo);

        Assert.Equal(2, Trigger(flow, "--param", "region").ExitCode);
    }
}

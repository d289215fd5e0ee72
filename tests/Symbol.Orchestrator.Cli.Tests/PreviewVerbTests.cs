using System.Text.Json;

namespace Symbol.Orchestrator.Cli.Tests;

public sealed class PreviewVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Json_OfBerlinAcrossSpringForward_HasEveryField()
    {
        var etl = _folder.Write("etl.flow", Samples.Etl);

        var run = CliRun.Of("preview", etl, "--from", "2027-03-26T12:00", "--count", "3", "--down-since", "2027-03-20T00:00", "--json");

        Assert.Equal(0, run.ExitCode);
        var workflow = Assert.Single(run.Json().GetProperty("workflows").EnumerateArray());
        Assert.Equal("etl", workflow.GetProperty("name").GetString());
        Assert.Equal(etl, workflow.GetProperty("path").GetString());
        Assert.Equal("Europe/Berlin", workflow.GetProperty("timezone").GetString());
        Assert.Equal(["cron \"30 2 * * *\""], workflow.GetProperty("schedules").Strings());
        Assert.Equal(["2027-03-27T02:30:00+01:00", "2027-03-28T03:00:00+02:00", "2027-03-29T02:30:00+02:00"], workflow.GetProperty("next").Strings());
        var dst = Assert.Single(workflow.GetProperty("dst").EnumerateArray());
        Assert.Equal("2027-03-28T03:00:00+02:00", dst.GetProperty("at").GetString());
        Assert.Equal("02:30 does not exist (DST starts); fired at 03:00", dst.GetProperty("note").GetString());
        // catchup all within 3d, host started 2027-03-26 12:00 CET: the fires of the 24th, 25th and 26th.
        Assert.Equal(["2027-03-24T02:30:00+01:00", "2027-03-25T02:30:00+01:00", "2027-03-26T02:30:00+01:00"], workflow.GetProperty("catchup").Strings());
        Assert.Equal([["ingest", "audit"], ["transform", "validate"], ["load"]], Layers(workflow));
    }

    [Fact]
    public void Json_OfNewYorkAcrossFallBack_MergesTheSchedules()
    {
        var reports = _folder.Write("reports.flow", Samples.Reports);

        var run = CliRun.Of("preview", reports, "--from", "2027-11-06T12:00", "--count", "5", "--down-since", "2027-11-01T00:00", "--json");

        Assert.Equal(0, run.ExitCode);
        var workflow = Assert.Single(run.Json().GetProperty("workflows").EnumerateArray());
        Assert.Equal("America/New_York", workflow.GetProperty("timezone").GetString());
        // every 6h is on the UTC grid (18:00Z, 00:00Z, 06:00Z, 12:00Z); the one-off 01:30 is read in New York, the first time.
        Assert.Equal(
            ["2027-11-06T14:00:00-04:00", "2027-11-06T20:00:00-04:00", "2027-11-07T01:30:00-04:00", "2027-11-07T01:00:00-05:00", "2027-11-07T07:00:00-05:00"],
            workflow.GetProperty("next").Strings());
        var dst = Assert.Single(workflow.GetProperty("dst").EnumerateArray());
        Assert.Equal("2027-11-07T01:30:00-04:00", dst.GetProperty("at").GetString());
        Assert.Equal("01:30 occurs twice (DST ends); fired the first time (-04:00)", dst.GetProperty("note").GetString());
        Assert.Equal(["2027-11-06T08:00:00-04:00"], workflow.GetProperty("catchup").Strings());
        Assert.Equal([["build"], ["send"]], Layers(workflow));
    }

    [Fact]
    public void From_DefaultsToNow()
    {
        var etl = _folder.Write("etl.flow", Samples.Etl);

        var run = CliRun.At(new DateTimeOffset(2027, 6, 1, 12, 0, 0, TimeSpan.Zero), "preview", etl, "--count", "1", "--json");

        Assert.Equal(["2027-06-02T02:30:00+02:00"], run.Json().GetProperty("workflows")[0].GetProperty("next").Strings());
    }

    [Fact]
    public void Until_WithoutCount_ListsEveryFireUpToIt()
    {
        var etl = _folder.Write("etl.flow", Samples.Etl);

        var run = CliRun.Of("preview", etl, "--from", "2027-06-01T00:00Z", "--until", "2027-06-30T02:30+02:00", "--json");

        var next = run.Json().GetProperty("workflows")[0].GetProperty("next").Strings();
        Assert.Equal(30, next.Length);
        Assert.Equal("2027-06-30T02:30:00+02:00", next[^1]);
    }

    [Fact]
    public void WithoutDownSince_CatchupIsEmpty()
    {
        var etl = _folder.Write("etl.flow", Samples.Etl);

        var workflow = CliRun.Of("preview", etl, "--json").Json().GetProperty("workflows")[0];

        Assert.Empty(workflow.GetProperty("catchup").EnumerateArray());
    }

    [Fact]
    public void Workflow_PicksOneOfAFolder()
    {
        _folder.Write("etl.flow", Samples.Etl);
        _folder.Write("reports.flow", Samples.Reports);

        var all = CliRun.Of("preview", _folder.Path, "--json").Json().GetProperty("workflows");
        var one = CliRun.Of("preview", _folder.Path, "--workflow", "reports", "--json").Json().GetProperty("workflows");

        Assert.Equal(["etl", "reports"], all.EnumerateArray().Select(w => w.GetProperty("name").GetString()));
        Assert.Equal(["reports"], one.EnumerateArray().Select(w => w.GetProperty("name").GetString()));
    }

    [Fact]
    public void AnUnknownWorkflow_ExitsOne()
    {
        var etl = _folder.Write("etl.flow", Samples.Etl);

        var run = CliRun.Of("preview", etl, "--workflow", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no workflow named 'nope'", run.Error);
        Assert.Contains("found: etl", run.Error);
    }

    [Fact]
    public void AFileWithErrors_PrintsTheDiagnosticsAndExitsOne()
    {
        var broken = _folder.Write("broken.flow", Samples.Broken);

        var run = CliRun.Of("preview", broken, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith($"{broken}:2:5: unknown setting 'shedule'", run.Error);
    }

    [Fact]
    public void IsPure_ItWritesNothing()
    {
        _folder.Write("etl.flow", Samples.Etl);
        var before = _folder.Listing();

        CliRun.Of("preview", _folder.Path, "--down-since", "2027-01-01T00:00Z");

        Assert.Equal(before, _folder.Listing());
    }

    [Fact]
    public void HumanOutput_ShowsZoneFiresNotesCatchupAndLayers()
    {
        var etl = _folder.Write("etl.flow", Samples.Etl);

        var run = CliRun.Of("preview", etl, "--from", "2027-03-26T12:00", "--count", "2", "--down-since", "2027-03-25T00:00");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"""
            workflow etl  ({etl}:2:10)
              time zone  Europe/Berlin
              schedules  cron "30 2 * * *"
              next       2027-03-27T02:30:00+01:00
                         2027-03-28T03:00:00+02:00  DST: 02:30 does not exist (DST starts); fired at 03:00
              catch-up   2027-03-25T02:30:00+01:00
                         2027-03-26T02:30:00+01:00
                         (2 with catchup all within 3d)
              plan       1. ingest, audit
                         2. transform, validate
                         3. load


            """, run.Out, ignoreLineEndingDifferences: true);
    }

    private static string[][] Layers(JsonElement workflow) =>
        workflow.GetProperty("plan").EnumerateArray().Select(layer => layer.Strings()).ToArray();
}

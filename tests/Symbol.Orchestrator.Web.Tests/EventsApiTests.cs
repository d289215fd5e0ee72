using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Web.Tests;

/// <summary><c>GET /api/events</c> as a dashboard reads it: the events of a run the API triggered, a reload, the keep-alive, and the stream's end.</summary>
public sealed class EventsApiTests
{
    private const string Hello = """
        workflow hello {
            job greet { run ``` return "hi"; ``` }
            job wave { run ``` return inputs.greet + "!"; ``` }
            greet -> wave
        }
        """;

    private static Task<ApiHost> StartAsync() => ApiHost.StartAsync(new Dictionary<string, string> { ["hello.flow"] = Hello });

    [Fact]
    public async Task AClientSeesTheFireRunAndJobEventsOfATriggeredRunThenAReloadAfterAFileChange()
    {
        await using var host = await StartAsync();
        await using var stream = await EventStream.OpenAsync(host.Client);
        Assert.Equal("text/event-stream", stream.ContentType);

        var runId = (await host.PostAsync("/api/workflows/hello/trigger")).Body.GetProperty("runId").GetString()!;
        await stream.WaitForAsync(m => m.Event == "run" && m.Data.GetProperty("status").GetString() == "succeeded", "the run's end");

        var seen = stream.Messages.Where(m => m.Event is not null).Select(m => (m.Event, Text: Describe(m))).ToList();
        Assert.Equal(
        [
            ("fire", $"hello manual started {runId}"),
            ("run", $"{runId} running manual"),
            ("job", $"{runId} greet running 1"),
            ("job", $"{runId} greet succeeded 1"),
            ("job", $"{runId} wave running 1"),
            ("job", $"{runId} wave succeeded 1"),
            ("run", $"{runId} succeeded manual"),
        ], seen);
        Assert.Equal(RunStatus.Succeeded, (await host.Store.GetRunAsync(runId))!.Status);

        var added = Path.Combine(host.Workflows, "more.flow");
        File.WriteAllText(added, "workflow more { job a { run ``` return 1; ``` } }");
        // The folder watch settles a burst of writes on the host's clock before it reloads.
        await StepClockUntilAsync(host, () => stream.Events("reload").Any(), "a reload event");
        var reload = Assert.Single(stream.Events("reload")).Data;
        Assert.Equal((added, true), (reload.GetProperty("path").GetString(), reload.GetProperty("ok").GetBoolean()));
        Assert.Equal(["more"], reload.GetProperty("workflows").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task AStreamThatAsksForSomeTypesOfOneRunGetsOnlyThose()
    {
        await using var host = await StartAsync();
        await using var all = await EventStream.OpenAsync(host.Client);
        await host.PostAsync("/api/workflows/hello/trigger");
        await all.WaitForAsync(m => m.Event == "run" && m.Data.GetProperty("status").GetString() == "succeeded", "the first run's end");
        await using var runs = await EventStream.OpenAsync(host.Client, "?types=run");

        var second = (await host.PostAsync("/api/workflows/hello/trigger")).Body.GetProperty("runId").GetString()!;
        await runs.WaitForAsync(m => m.Event == "run" && m.Data.GetProperty("status").GetString() == "succeeded", "the second run's end");

        Assert.Equal([$"{second} running manual", $"{second} succeeded manual"], runs.Messages.Where(m => m.Event is not null).Select(Describe));
        var bad = await host.Client.GetAsync("/api/events?types=run,jobs");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("types: no event type 'jobs'; the types are fire, run, job, reload, changes",
            System.Text.Json.JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AStreamThatAsksForChangesGetsDigestsOfRunsAndOthersDoNot()
    {
        await using var host = await StartAsync();
        await using var changes = await EventStream.OpenAsync(host.Client, "?types=changes");
        await using var all = await EventStream.OpenAsync(host.Client);

        var runId = (await host.PostAsync("/api/workflows/hello/trigger")).Body.GetProperty("runId").GetString()!;
        await changes.WaitForAsync(m => m.Event == "changes" && m.Data.GetProperty("runs").EnumerateArray()
            .Any(r => r.GetProperty("runId").GetString() == runId && r.GetProperty("status").GetString() == "succeeded"), "a digest with the run's end");
        await all.WaitForAsync(m => m.Event == "run" && m.Data.GetProperty("status").GetString() == "succeeded", "the run's end");

        Assert.All(changes.Messages.Where(m => m.Event is not null), m => Assert.Equal("changes", m.Event));
        Assert.Equal(0, changes.Messages.Last(m => m.Event == "changes").Data.GetProperty("omitted").GetInt32());
        // A stream that names no types gets every event but the digest, which is asked for by name.
        Assert.DoesNotContain(all.Messages, m => m.Event == "changes");
    }

    [Fact]
    public async Task AStreamForOneRunHearsNothingOfAnother()
    {
        await using var host = await StartAsync();
        await using var none = await EventStream.OpenAsync(host.Client, "?types=fire,run,job&run=hello@nothing");
        await using var all = await EventStream.OpenAsync(host.Client);

        await host.PostAsync("/api/workflows/hello/trigger");
        await all.WaitForAsync(m => m.Event == "run" && m.Data.GetProperty("status").GetString() == "succeeded", "the run's end");

        Assert.DoesNotContain(none.Messages, m => m.Event is not null);
    }

    [Fact]
    public async Task AQuietStreamGetsAKeepAliveCommentEvery15Seconds()
    {
        await using var host = await StartAsync();
        await using var stream = await EventStream.OpenAsync(host.Client);

        await StepClockUntilAsync(host, () => stream.Messages.Any(m => m.Comment == "keep-alive"), "a keep-alive comment");

        Assert.True(host.Time.GetUtcNow() - ApiHost.Now >= TimeSpan.FromSeconds(15));
        Assert.DoesNotContain(stream.Messages, m => m.Event is not null);
    }

    [Fact]
    public async Task TheStreamEndsWhenTheHostStopsAndAClientThatGoesIsForgotten()
    {
        await using var host = await StartAsync();
        var events = host.Services.GetRequiredService<HostEvents>();
        var leaving = await EventStream.OpenAsync(host.Client);
        Assert.True(events.IsListened);

        await leaving.DisposeAsync();
        await Wait.UntilAsync(() => !events.IsListened, "the server to let go of the client that left");

        await using var staying = await EventStream.OpenAsync(host.Client);
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await staying.Ended.WaitAsync(Wait.Bound);
    }

    private static string Describe(StreamMessage m)
    {
        string Text(string name) => m.Data.GetProperty(name).ToString();
        return m.Event switch
        {
            "fire" => $"{Text("workflow")} {Text("trigger")} {Text("outcome")} {Text("runId")}",
            "run" => $"{Text("runId")} {Text("status")} {Text("trigger")}",
            "job" => $"{Text("runId")} {Text("job")} {Text("status")} {Text("attempt")}",
            _ => m.Data.ToString(),
        };
    }

    /// <summary>Moves the host's clock on a second at a time until <paramref name="done"/>: a timer set on it may not be set yet when a step is taken.</summary>
    private static Task StepClockUntilAsync(ApiHost host, Func<bool> done, string what) =>
        Wait.UntilAsync(() =>
        {
            if (done())
                return true;
            host.Time.Advance(TimeSpan.FromMilliseconds(500));
            Thread.Sleep(20);
            return done();
        }, what);
}

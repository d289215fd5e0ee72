using System.Net;

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>A returned Promise, or an <c>async</c> body (one that uses <c>await</c>), is awaited within the attempt's timeout.</summary>
public sealed class PromiseTests
{
    [Fact]
    public async Task AnAsyncBody_ReturnsWhatItAwaited()
    {
        using var sandbox = new Sandbox();

        Assert.Equal("3", await sandbox.OutputAsync("const two = await Promise.resolve(2);\nreturn two + 1;"));
    }

    [Theory]
    [InlineData("return Promise.resolve(3);", "3")]
    [InlineData("async function five() { return await 5; }\nreturn five();", "5")]
    [InlineData("return Promise.resolve({ rows: [1, 2] }).then(r => r.rows.length);", "2")]
    [InlineData("var await = 2; return await;", "2")]
    public async Task AReturnedPromise_IsAwaited(string code, string output)
    {
        using var sandbox = new Sandbox();

        Assert.Equal(output, await sandbox.OutputAsync(code));
    }

    [Fact]
    public async Task ARejection_FailsTheAttempt_WithItsReasonAndLine()
    {
        using var sandbox = new Sandbox();
        var script = Sandbox.Script("const rows = await Promise.resolve([]);\n  if (rows.length === 0) throw new Error('no rows');", "etl.flow", 10, 20);

        var result = await sandbox.RunAsync(Sandbox.Job(script));

        Assert.Equal("Error: no rows (at etl.flow:11)", result.Error);
    }

    [Fact]
    public async Task ARejectionWithAPlainValue_FailsWithThatValue()
    {
        using var sandbox = new Sandbox();

        Assert.Equal("upstream is down", await sandbox.ErrorAsync("return Promise.reject('upstream is down');"));
    }

    [Fact]
    public async Task ACaughtRejection_DoesNotFailTheAttempt()
    {
        using var sandbox = new Sandbox();

        Assert.Equal("\"recovered: x\"", await sandbox.OutputAsync("try { await Promise.reject(new Error('x')); } catch (e) { return 'recovered: ' + e.message; }"));
    }

    [Theory]
    [InlineData("await new Promise(() => {});")]
    [InlineData("return new Promise(() => {});")]
    [InlineData("await null; sleep(60000);")]
    [InlineData("await null; while (true) {}")]
    public async Task APromiseThatNeverSettles_HitsTheTimeout(string code)
    {
        using var sandbox = new Sandbox();

        var error = await sandbox.ErrorAsync(code, timeout: TimeSpan.FromMilliseconds(300)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("timeout: the script ran longer than 300ms", error);
    }

    [Fact]
    public async Task Cancellation_WakesASleepInAnAsyncBody()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var signal = new FakeHttpHandler(_ =>
        {
            started.TrySetResult();
            return FakeHttpHandler.Json(HttpStatusCode.OK, "{}");
        });
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["signal"], HttpHandler = signal });
        using var shutdown = new CancellationTokenSource();

        var run = sandbox.RunAsync("await null; http.get('http://signal/'); sleep(600000); return 'slept';", cancellationToken: shutdown.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        shutdown.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Cancellation_EndsTheWaitForAPendingPromise()
    {
        using var sandbox = new Sandbox();
        using var shutdown = new CancellationTokenSource();

        var run = sandbox.RunAsync("await new Promise(() => {});", cancellationToken: shutdown.Token);
        shutdown.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task UseFileHelpers_MayBeAsync()
    {
        using var sandbox = new Sandbox();
        var helpers = Sandbox.Script("async function load(n) { await null; return Array.from({ length: n }, (_, i) => i); }", "lib/load.js");
        var job = Sandbox.Job(Sandbox.Script("const rows = await load(3);\nreturn rows.length;"));

        var result = await sandbox.RunAsync(job, [helpers]);

        Assert.Equal("3", result.OutputJson);
    }
}

using System.Collections.Concurrent;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;

namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>
/// A job runner whose outcomes a test scripts per job: by default a job succeeds with <c>{"job":"name"}</c>.
/// It counts calls and the most attempts running at once, and a test can hold jobs at a gate.
/// </summary>
internal sealed class ScriptedRunner : IJobRunner
{
    private readonly ConcurrentDictionary<string, Func<AttemptContext, CancellationToken, Task<AttemptResult>>> _behaviours = new();
    private readonly ConcurrentQueue<AttemptContext> _calls = new();
    private int _running;
    private int _maxRunning;
    private int _warmUps;

    public int Running => Volatile.Read(ref _running);

    /// <summary>How many times <see cref="WarmUp"/> was called.</summary>
    public int WarmUps => Volatile.Read(ref _warmUps);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public IReadOnlyList<AttemptContext> Calls => _calls.ToArray();

    public IReadOnlyList<AttemptContext> CallsOf(string job) => _calls.Where(c => c.Job == job).ToArray();

    public void On(string job, Func<AttemptContext, CancellationToken, Task<AttemptResult>> behaviour) => _behaviours[job] = behaviour;

    /// <summary>Attempt k of <paramref name="job"/> fails while k ≤ <paramref name="failures"/>, then succeeds.</summary>
    public void FailFirst(string job, int failures) =>
        On(job, (c, _) => Task.FromResult(c.Attempt <= failures ? AttemptResult.Failure($"boom {c.Attempt}", [$"try {c.Attempt}"]) : Ok(c)));

    /// <summary>Holds <paramref name="job"/>'s attempts until the returned source completes (or the attempt is cancelled).</summary>
    public TaskCompletionSource Gate(string job)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        On(job, async (c, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return Ok(c);
        });
        return gate;
    }

    public TimeSpan WarmUp()
    {
        Interlocked.Increment(ref _warmUps);
        return TimeSpan.Zero;
    }

    public static AttemptResult Ok(AttemptContext context) => AttemptResult.Success($$"""{"job":"{{context.Job}}"}""", []);

    public async Task<AttemptResult> RunAsync(WorkflowDefinition workflow, JobDefinition job, AttemptContext context, CancellationToken cancellationToken)
    {
        _calls.Enqueue(context);
        var now = Interlocked.Increment(ref _running);
        for (int max = MaxRunning; now > max; max = MaxRunning)
            Interlocked.CompareExchange(ref _maxRunning, now, max);
        try
        {
            await Task.Yield();
            return _behaviours.TryGetValue(job.Name, out var behaviour) ? await behaviour(context, cancellationToken) : Ok(context);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}

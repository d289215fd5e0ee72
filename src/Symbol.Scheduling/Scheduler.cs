using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Symbol.Scheduling;

/// <summary>
/// Runs <see cref="ScheduledJob"/>s when they are due. Jobs wait in a <see cref="DueQueue"/>, earliest
/// first, and equal due times keep the order they were added in. One thread sleeps until
/// the earliest due time (waking early when an earlier job is added) and hands due jobs to the
/// thread pool, so a slow or throwing job never delays the others. Recurring jobs advance from
/// their scheduled instant, never from the moment they ran, so they never drift.
/// </summary>
public sealed partial class Scheduler : IDisposable
{
    private const int DispatchBatch = 256;

    private readonly object _gate = new();
    private readonly DueQueue _due = new();
    private readonly Dictionary<string, Delegate> _callables = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly SchedulerOptions _options;
    private readonly ILogger _logger;
    private readonly ISchedulerWait _wait;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 1);
    private Thread? _thread;
    private int _pending;
    private int _running;
    private bool _waiting;
    private volatile bool _stopped;

    /// <param name="timeProvider">The clock jobs are scheduled on; default the system clock.</param>
    /// <param name="options">Misfire and stop settings.</param>
    /// <param name="logger">Where failed jobs and missed fires are reported.</param>
    /// <param name="wait">
    /// How the scheduler's thread waits for the next fire. The default waits on the thread itself on the system clock
    /// and on a timer of <paramref name="timeProvider"/> on any other clock, which is what a fake clock needs.
    /// </param>
    public Scheduler(TimeProvider? timeProvider = null, SchedulerOptions? options = null, ILogger<Scheduler>? logger = null, ISchedulerWait? wait = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _options = options ?? new SchedulerOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        // The operating system can wait only on its own clock; any other clock is waited on through its timers.
        _wait = wait ?? (ReferenceEquals(_time, TimeProvider.System) ? SystemClockWait.Instance : TimerWait.Instance);
    }

    public TimeProvider TimeProvider => _time;

    /// <summary>Jobs waiting for a fire.</summary>
    public int PendingCount { get { lock (_gate) return _pending; } }

    /// <summary>Fires handed to workers that have not finished yet.</summary>
    public int RunningCount => Volatile.Read(ref _running);

    /// <summary>The pending jobs, earliest first.</summary>
    public IReadOnlyList<ScheduledJob> Jobs
    {
        get
        {
            lock (_gate)
            {
                return PendingLocked().Select(e => e.Job).ToArray();
            }
        }
    }

    /// <summary>Registers the callable that <see cref="Load"/> binds to jobs saved under <paramref name="name"/>.</summary>
    public void Register(string name, Delegate callable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(callable);
        lock (_gate) _callables[name] = callable;
    }

    /// <summary>Schedules <paramref name="job"/> from now on this scheduler's clock.</summary>
    public ScheduledJob AddJob(ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_gate)
            AddLocked(job);
        return job;
    }

    /// <summary>
    /// Schedules many jobs under one lock, growing the heap once: 100,000 jobs added one by one
    /// regrow it 15 times, and the discarded arrays (6 MB) can set off a full garbage collection.
    /// </summary>
    public void AddJobs(IReadOnlyCollection<ScheduledJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        lock (_gate)
        {
            _due.EnsureCapacity(jobs.Count);
            foreach (var job in jobs)
            {
                ArgumentNullException.ThrowIfNull(job);
                AddLocked(job);
            }
        }
    }

    private void AddLocked(ScheduledJob job)
    {
        AdmitLocked(job);
        long first = job.FirstRun(_time);
        if (ScheduledJob.HasRun(first))
            EnqueueLocked(job, first);
        else
            job.SetNextRun(first);
    }

    /// <summary>Unschedules a pending job; a fire already running carries on. False if it was not pending here.</summary>
    public bool RemoveJob(ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_gate)
            return RemoveLocked(job);
    }

    /// <summary>
    /// Puts <paramref name="replacement"/> in <paramref name="current"/>'s place in one step, carrying on from
    /// where <paramref name="current"/> is rather than from now: an instant it has already fired is not fired
    /// again (a replacement made at that very instant would otherwise start there), and one that is due but
    /// that this scheduler's thread has not reached yet is not skipped (a replacement made a moment after the
    /// instant would otherwise start past it). The replacement fires what its own schedule has from there.
    /// </summary>
    public ScheduledJob ReplaceJob(ScheduledJob current, ScheduledJob replacement)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        lock (_gate)
        {
            long from = _time.GetUtcNow().UtcTicks;
            long due = current.NextRunTicks;
            if (RemoveLocked(current) && ScheduledJob.HasRun(due) && due < from)
                from = due;
            long fired = current.LastRunTicks;
            if (ScheduledJob.HasRun(fired) && from <= fired)
                from = fired + 1;
            AdmitLocked(replacement);
            long first = replacement.FirstRunFrom(from, fired);
            if (ScheduledJob.HasRun(first))
                EnqueueLocked(replacement, first);
            else
                replacement.SetNextRun(first);
            return replacement;
        }
    }

    private bool RemoveLocked(ScheduledJob job)
    {
        if (!ReferenceEquals(job.Owner, this) || job.HeapSequence < 0)
            return false;
        // The heap entry goes stale and is dropped when it reaches the top.
        job.HeapSequence = -1;
        job.SetNextRun(null);
        _pending--;
        return true;
    }

    /// <summary>Starts the scheduler's thread. Jobs added before start wait for it.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (_thread is not null)
                return;
            _thread = new Thread(RunLoop) { IsBackground = true, Name = "Symbol.Scheduling" };
            _thread.Start();
        }
    }

    /// <summary>
    /// Stops firing, then waits up to <paramref name="timeout"/> (default <see cref="SchedulerOptions.StopTimeout"/>)
    /// on the scheduler's clock for running jobs; jobs still running then are cancelled. True if all finished in time.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan? timeout = null)
    {
        lock (_gate)
            _stopped = true;
        _wake.Set();
        if (Volatile.Read(ref _running) == 0)
            _drained.TrySetResult();
        if (_drained.Task.IsCompleted)
            return true;

        var bound = timeout ?? _options.StopTimeout;
        using var stopWaiting = new CancellationTokenSource();
        var elapsed = Task.Delay(bound, _time, stopWaiting.Token);
        if (await Task.WhenAny(_drained.Task, elapsed).ConfigureAwait(false) == _drained.Task)
        {
            stopWaiting.Cancel();
            return true;
        }
        _logger.StopTimedOut(RunningCount, bound);
        _cancellation.Cancel();
        return false;
    }

    /// <summary>Synchronous <see cref="StopAsync"/>.</summary>
    public bool Stop(TimeSpan? timeout = null) => StopAsync(timeout).GetAwaiter().GetResult();

    /// <summary>Stops firing and cancels running jobs at once.</summary>
    public void Dispose()
    {
        Stop(TimeSpan.Zero);
        _cancellation.Cancel();
    }

    /// <summary>The live pending fires (stale ones, left by removals, skipped), earliest first.</summary>
    private IEnumerable<(ScheduledJob Job, long Due)> PendingLocked() => _due.Pending();

    private void AdmitLocked(ScheduledJob job)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        if (job.HeapSequence >= 0)
            throw new InvalidOperationException($"job '{job.Name}' is already scheduled");
        job.Owner = this;
    }

    private void EnqueueLocked(ScheduledJob job, long dueTicks)
    {
        job.SetNextRun(dueTicks);
        bool earliest = _due.Add(job, dueTicks);
        _pending++;
        // A new earliest instant wakes the loop, which then sleeps until it instead.
        if (_waiting && earliest)
            _wake.Set();
    }

    // Fully optimised from the first call: this loop and DequeueDueLocked run on the scheduler's thread for its whole
    // life, so with tiered compilation they would stay unoptimised until the loop's switch to optimised code (on-stack
    // replacement), which then compiles on this thread in the middle of a burst of fires.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunLoop()
    {
        var batch = new IThreadPoolWorkItem?[DispatchBatch];
        while (true)
        {
            // Reset before looking at the heap: a wake-up signalled after this point is kept for the wait below.
            _wake.Reset();
            int count;
            long? headDue = null;
            lock (_gate)
            {
                _waiting = false;
                if (_stopped)
                    return;
                count = DequeueDueLocked(_time.GetUtcNow().UtcTicks, batch);
                if (count == 0)
                {
                    headDue = _due.EarliestDue;
                    _waiting = true;
                }
            }
            if (count == 0)
            {
                // Without the lock: a timer callback (which may run inside the clock's own lock, as a fake clock's do)
                // only sets the wake-up event, so no lock order can deadlock.
                _wait.Wait(_time, headDue is { } due ? new DateTimeOffset(due, TimeSpan.Zero) : null, _wake);
                continue;
            }
            for (int i = 0; i < count; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(batch[i]!, preferLocal: false);
                batch[i] = null;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int DequeueDueLocked(long nowTicks, IThreadPoolWorkItem?[] batch)
    {
        int count = 0;
        while (count < batch.Length && _due.TryTakeDue(nowTicks, out var job, out var due))
        {
            _pending--;
            if (FireLocked(job, due, nowTicks) is { } work)
            {
                Interlocked.Increment(ref _running);
                batch[count++] = work;
            }
        }
        return count;
    }

    /// <summary>Reschedules a recurring job and returns the work to run for this fire, or null when policy skips it.</summary>
    private IThreadPoolWorkItem? FireLocked(ScheduledJob job, long dueTicks, long nowTicks)
    {
        bool missed = nowTicks - dueTicks > _options.MisfireThreshold.Ticks;
        bool recurring = job.Schedule.IsRecurring;
        if (recurring)
        {
            // On time: advance from the scheduled instant (no drift). Missed: resume from now, so a
            // long outage is one catch-up fire, not one per missed instant.
            var from = new DateTimeOffset(missed ? nowTicks : dueTicks, TimeSpan.Zero);
            if (job.Schedule.NextAfter(from) is { } next)
                EnqueueLocked(job, next.UtcTicks);
            else
                job.SetNextRun(null);
        }
        else
        {
            job.SetNextRun(null);
        }

        var scheduledAt = new DateTimeOffset(dueTicks, TimeSpan.Zero);
        if (missed)
        {
            if (_options.MissedRuns == MissedRunPolicy.Skip)
            {
                _logger.MissedSkipped(job.Name, scheduledAt);
                return null;
            }
            _logger.MissedRunOnce(job.Name, scheduledAt);
        }
        job.MarkFired(dueTicks);
        return recurring ? new RecurringFire(this, job, dueTicks) : job;
    }

    internal void Execute(ScheduledJob job, long scheduledTicks)
    {
        var fire = new ScheduledFire(job, new DateTimeOffset(scheduledTicks, TimeSpan.Zero), _cancellation.Token);
        ValueTask pending;
        try
        {
            pending = job.InvokeAsync(fire);
        }
        catch (Exception ex)
        {
            Failed(fire, ex);
            Finished();
            return;
        }
        if (pending.IsCompletedSuccessfully)
            Finished();
        else
            _ = AwaitAsync(pending, fire);
    }

    private async Task AwaitAsync(ValueTask pending, ScheduledFire fire)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Failed(fire, ex);
        }
        finally
        {
            Finished();
        }
    }

    private void Failed(ScheduledFire fire, Exception ex)
    {
        // A job that gives up because the scheduler cancelled it has not failed.
        if (ex is OperationCanceledException && _cancellation.IsCancellationRequested)
            return;
        _logger.JobFailed(ex, fire.Job.Name, fire.ScheduledAt);
    }

    private void Finished()
    {
        if (Interlocked.Decrement(ref _running) == 0 && _stopped)
            _drained.TrySetResult();
    }

    /// <summary>A fire of a recurring job, which may overlap its previous fire, so it needs its own work item.</summary>
    private sealed class RecurringFire(Scheduler scheduler, ScheduledJob job, long scheduledTicks) : IThreadPoolWorkItem
    {
        public void Execute() => scheduler.Execute(job, scheduledTicks);
    }
}

using System.Globalization;
using System.Text;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Output;

/// <summary>
/// A run's jobs in a terminal, one line each, redrawn in place (ANSI) as they go from pending to running
/// (with the attempt and the time so far) to their final status, as <see cref="RunText.JobLine"/> prints it.
/// Jobs not known at the start get a line when they first start or finish. A run's handlers are drawn below its jobs,
/// under a heading. Only for a terminal: redirected output gets plain lines instead.
/// </summary>
internal sealed class LiveJobView : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _out;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly List<string> _order = [];
    private readonly List<string> _handlers = [];
    private readonly Dictionary<string, (JobRecord? Record, long StartedTicks)> _jobs = new(StringComparer.Ordinal);
    private readonly ITimer _timer;
    private readonly Func<int> _width;
    private int _drawn;
    private bool _stopped;

    /// <param name="width">The terminal's width now: lines are cut to it while they are redrawn, since a wrapped line would throw the redraw off.</param>
    public LiveJobView(TextWriter output, TimeProvider time, IEnumerable<string> jobs, Func<int> width)
    {
        _out = output;
        _time = time;
        _width = width;
        foreach (var job in jobs)
            Add(job);
        lock (_lock)
            Draw();
        _timer = time.CreateTimer(_ => Redraw(), null, Tick, Tick);
    }

    public void Started(JobRecord job) => Update(job);

    public void Finished(JobRecord job) => Update(job);

    /// <summary>Draws the final state once more and stops redrawing; what follows prints below the view.</summary>
    public void Stop()
    {
        _timer.Dispose();
        lock (_lock)
        {
            if (_stopped)
                return;
            // The last draw: nothing moves up over it again, so lines may wrap and keep the whole output.
            Draw(final: true);
            _stopped = true;
        }
    }

    public void Dispose() => Stop();

    private void Update(JobRecord job)
    {
        lock (_lock)
        {
            if (_stopped)
                return;
            Add(job.Job);
            var started = job.Status == JobStatus.Running ? _time.GetTimestamp() : 0;
            // A later attempt keeps counting from the job's first start, as its final duration does.
            if (job.Status == JobStatus.Running && _jobs[job.Job] is { Record.Status: JobStatus.Running, StartedTicks: var first })
                started = first;
            _jobs[job.Job] = (job, started);
            Draw();
        }
    }

    private void Redraw()
    {
        lock (_lock)
            if (!_stopped)
                Draw();
    }

    private void Add(string job)
    {
        if (_jobs.TryAdd(job, (null, 0)))
            (HandlerDefinition.IsHandlerName(job) ? _handlers : _order).Add(job);
    }

    // Moves up over the lines drawn last time and rewrites each (erasing it first), then any new ones below.
    private void Draw(bool final = false)
    {
        var width = final ? int.MaxValue : Math.Max(20, _width() - 1);
        var text = new StringBuilder();
        if (_drawn > 0)
            text.Append(CultureInfo.InvariantCulture, $"\e[{_drawn}A");
        var lines = _order.Select(name => Line(name, _jobs[name]));
        if (_handlers.Count > 0)
            lines = lines.Append(RunText.HandlersHeading).Concat(_handlers.Select(name => Line(name, _jobs[name])));
        _drawn = 0;
        foreach (var line in lines)
        {
            text.Append("\r\e[2K").Append(line.Length > width ? line.AsSpan(0, width) : line).Append('\n');
            _drawn++;
        }
        _out.Write(text.ToString());
        _out.Flush();
    }

    private string Line(string name, (JobRecord? Record, long StartedTicks) job) => job.Record switch
    {
        null or { Status: JobStatus.Pending } => $"{name,-16} pending",
        { Status: JobStatus.Running } running =>
            $"{name,-16} {"running",-10} {$"attempt {running.LastAttempt}",-11} {DurationText.Format(_time.GetElapsedTime(job.StartedTicks))}",
        var final => RunText.JobLine(final),
    };
}

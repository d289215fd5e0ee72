using System.Globalization;
using System.Text;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Output;

/// <summary>
/// A backfill's runs as they end, a line each (<c>[3/30] etl@2026-11-03T00:00:00Z succeeded 120ms</c>; a failed run names its
/// first failed job and error), with a progress bar below the lines when the output is a terminal. Thread-safe: runs end
/// on many threads.
/// </summary>
internal sealed class BackfillProgress(TextWriter output, int total, bool live) : IDisposable
{
    private const int BarWidth = 30;

    private readonly Lock _lock = new();
    private int _ended;
    private int _failed;
    private bool _barShown;

    public int Failed => _failed;

    /// <summary>A run that ended; <paramref name="failure"/> is its first failed job's <c>job: error</c>, for a failed run.</summary>
    public void Ended(RunRecord run, string? failure)
    {
        var took = RunText.Span(run) is { } span ? " " + DurationText.Format(span) : "";
        var why = failure is null ? "" : ": " + failure;
        lock (_lock)
        {
            _ended++;
            if (run.Status != RunStatus.Succeeded)
                _failed++;
            Write(TerminalText.Escape($"[{_ended}/{total}] {run.RunId} {EnumText.Name(run.Status)}{took}{why}"));
        }
    }

    /// <summary>A run that did not end here: <paramref name="what"/> says what became of it (interrupted, taken by another process).</summary>
    public void Note(string runId, string what)
    {
        lock (_lock)
            Write(TerminalText.Escape($"{runId} {what}"));
    }

    /// <summary>Takes the bar away, so what follows prints on a clean line.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_barShown)
                output.Write("\r\e[2K");
            _barShown = false;
            output.Flush();
        }
    }

    private void Write(string line)
    {
        if (!live)
        {
            output.WriteLine(line);
            return;
        }
        // The bar is the last line, without a newline: each run's line replaces it, and a new bar follows.
        var done = total == 0 ? BarWidth : _ended * BarWidth / total;
        var bar = new StringBuilder("\r\e[2K").Append(line).Append('\n')
            .Append('[').Append('#', done).Append('.', BarWidth - done).Append(CultureInfo.InvariantCulture, $"] {_ended}/{total}");
        if (_failed > 0)
            bar.Append(CultureInfo.InvariantCulture, $", {_failed} failed");
        output.Write(bar.ToString());
        output.Flush();
        _barShown = true;
    }
}

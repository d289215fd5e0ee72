using System.Text;
using BenchmarkDotNet.Attributes;
using Symbol.Orchestrator.Language.Editing;
using Symbol.Orchestrator.Language.Formatting;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>
/// What the language server does on each request, on a 1,000-line file of generated workflows: the outline every
/// request parses, completion of job names after the last arrow, hover on the last schedule (five fires with DST
/// notes), and formatting. Each is a pure function of the text, so this is the request's cost without the protocol.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 10, iterationCount: 15)]
public class EditingBenchmarks
{
    private readonly CompileOptions _options = CompileOptions.Default(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private string _text = "";
    private FlowPosition _arrow;
    private FlowPosition _schedule;

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        for (int n = 0; text.ToString().Count(c => c == '\n') < 1000; n++)
            text.Append(FlowTextGenerator.Workflow(n)).Append('\n');
        _text = text.ToString();
        var lines = _text.Split('\n');
        int arrowLine = Array.FindLastIndex(lines, l => l.Contains("->", StringComparison.Ordinal));
        _arrow = new FlowPosition(arrowLine + 1, lines[arrowLine].IndexOf("->", StringComparison.Ordinal) + 4);
        int scheduleLine = Array.FindLastIndex(lines, l => l.TrimStart().StartsWith("schedule cron", StringComparison.Ordinal));
        _schedule = new FlowPosition(scheduleLine + 1, 10);
        Console.WriteLine($"// {lines.Length} lines, {_text.Length:N0} characters");
    }

    [Benchmark]
    public int Outline() => FlowOutline.Parse("bench.flow", _text).Workflows.Count;

    [Benchmark]
    public int CompletionAfterArrow() => FlowCompletion.At(FlowOutline.Parse("bench.flow", _text), _arrow, _options, _ => []).Count;

    [Benchmark]
    public int HoverOnSchedule() =>
        FlowHover.At(FlowOutline.Parse("bench.flow", _text), _schedule, _options, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero))?.Length ?? 0;

    [Benchmark]
    public int Format() => FlowFormatter.Format(_text).Length;
}

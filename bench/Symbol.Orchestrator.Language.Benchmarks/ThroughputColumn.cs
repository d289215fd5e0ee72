using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>MB/s from the median: the benchmark's <c>Megabytes</c> parameter divided by its median time.</summary>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "MB/s (median)";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Megabytes of .flow text per second, from the median time";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var megabytes = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Megabytes")?.Value as int?;
        var median = summary[benchmarkCase]?.ResultStatistics?.Median;
        return megabytes is { } mb && median is > 0 ? (mb / (median.Value / 1e9)).ToString("F1") : "-";
    }
}

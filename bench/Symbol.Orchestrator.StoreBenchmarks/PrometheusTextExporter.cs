using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

/// <summary>
/// The work of a Prometheus scrape without a web host: each collection writes every metric point in the text
/// exposition format (counters as <c>_total</c>, histograms as cumulative <c>_bucket</c>s, <c>_sum</c> and <c>_count</c>),
/// as the host's <c>GET /metrics</c> does. The text is kept so the benchmark can show a scrape was not empty.
/// </summary>
internal sealed class PrometheusTextExporter : BaseExporter<Metric>
{
    private readonly StringBuilder _text = new();

    public int Scrapes { get; private set; }

    public int LastLength { get; private set; }

    public int LastLines { get; private set; }

    public override ExportResult Export(in Batch<Metric> batch)
    {
        _text.Clear();
        foreach (var metric in batch)
        {
            var name = metric.Name.Replace('.', '_') + Suffix(metric.Unit);
            var counter = metric.MetricType is MetricType.LongSum or MetricType.DoubleSum;
            _text.Append("# TYPE ").Append(name).Append(counter ? " counter" : metric.MetricType == MetricType.Histogram ? " histogram" : " gauge").Append('\n');
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var labels = Labels(point.Tags);
                switch (metric.MetricType)
                {
                    case MetricType.Histogram:
                        long cumulative = 0;
                        foreach (var bucket in point.GetHistogramBuckets())
                        {
                            cumulative += bucket.BucketCount;
                            var le = double.IsPositiveInfinity(bucket.ExplicitBound) ? "+Inf" : bucket.ExplicitBound.ToString(CultureInfo.InvariantCulture);
                            Line(name + "_bucket", labels.Length == 0 ? $"le=\"{le}\"" : $"{labels},le=\"{le}\"", cumulative);
                        }
                        Line(name + "_sum", labels, point.GetHistogramSum());
                        Line(name + "_count", labels, point.GetHistogramCount());
                        break;
                    case MetricType.LongSum or MetricType.LongSumNonMonotonic or MetricType.LongGauge:
                        Line(counter ? name + "_total" : name, labels, point.GetSumLong());
                        break;
                    default:
                        Line(counter ? name + "_total" : name, labels, point.GetSumDouble());
                        break;
                }
            }
        }
        Scrapes++;
        LastLength = _text.Length;
        LastLines = _text.ToString().Count(c => c == '\n');
        return ExportResult.Success;
    }

    private void Line(string name, string labels, double value) =>
        _text.Append(name).Append(labels.Length == 0 ? "" : "{" + labels + "}").Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static string Labels(ReadOnlyTagCollection tags)
    {
        var labels = new StringBuilder();
        foreach (var tag in tags)
            labels.Append(labels.Length == 0 ? "" : ",").Append(tag.Key.Replace('.', '_')).Append("=\"").Append(tag.Value).Append('"');
        return labels.ToString();
    }

    // Prometheus names carry the unit: seconds as _seconds; annotations such as {run} are dropped.
    private static string Suffix(string? unit) => unit switch
    {
        "s" => "_seconds",
        "ms" => "_milliseconds",
        "By" => "_bytes",
        _ => "",
    };
}

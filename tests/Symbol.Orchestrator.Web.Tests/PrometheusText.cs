using System.Globalization;
using System.Text.RegularExpressions;

namespace Symbol.Orchestrator.Web.Tests;

/// <summary>
/// The Prometheus text exposition format, read strictly: every line is a comment (<c># HELP</c>, <c># TYPE</c>,
/// <c># UNIT</c>, <c># EOF</c>), blank, or <c>name{label="value",…} value [timestamp]</c>; anything else fails the test.
/// </summary>
internal static partial class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
    {
        public string? this[string label] => Labels.GetValueOrDefault(label);
    }

    public static IReadOnlyList<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || Comment().IsMatch(line))
                continue;
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a line of the Prometheus text format: '{line}'");
            var labels = new Dictionary<string, string>();
            var rest = match.Groups["labels"].Value;
            foreach (Match label in Label().Matches(rest))
                labels.Add(label.Groups["name"].Value, Unescape(label.Groups["value"].Value));
            Assert.Equal(rest.Length, Label().Matches(rest).Sum(m => m.Length));
            samples.Add(new Sample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value)));
        }
        return samples;
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Unescape(string value) =>
        value.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex(@"^# (HELP|TYPE|UNIT) [a-zA-Z_:][a-zA-Z0-9_:]*( .*)?$|^# EOF$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( -?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)"",?")]
    private static partial Regex Label();
}

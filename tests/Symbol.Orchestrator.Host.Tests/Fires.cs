using System.Globalization;
using System.Text.RegularExpressions;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary>Reads what a test workflow left behind: the scheduled instants it appended to a data file, and the host's fire lines.</summary>
internal static partial class Fires
{
    /// <summary>The <c>run.scheduledAt</c> values a workflow appended, one a line, sorted (runs may finish out of order).</summary>
    public static IReadOnlyList<DateTimeOffset> Appended(string path) =>
        File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0)
                .Select(l => DateTimeOffset.Parse(l, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)).Order().ToArray()
            : [];

    public static int LineCount(string path) => Appended(path).Count;

    /// <summary>Instants in <paramref name="fires"/> where the step to the next one is not <paramref name="step"/>: a gap or a double.</summary>
    public static IEnumerable<string> Breaks(IReadOnlyList<DateTimeOffset> fires, TimeSpan step) =>
        fires.Zip(fires.Skip(1)).Where(p => p.Second - p.First != step).Select(p => $"{p.First:O} then {p.Second:O}");

    /// <summary>Fails, with the breaks and the host's log, unless <paramref name="fires"/> are <paramref name="step"/> apart.</summary>
    public static void AssertEvery(IReadOnlyList<DateTimeOffset> fires, TimeSpan step, string hostOutput)
    {
        var breaks = Breaks(fires, step).ToArray();
        Assert.True(breaks.Length == 0, $"breaks: {string.Join(", ", breaks)}\n{hostOutput}");
    }

    /// <summary>Scheduled instants the host logged "Fire {workflow} at …" for more than once.</summary>
    public static IEnumerable<string> LoggedTwice(string output, string workflow) =>
        FireLine().Matches(output).Where(m => m.Groups["workflow"].Value == workflow)
            .GroupBy(m => m.Groups["at"].Value).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}");

    [GeneratedRegex(@"Fire (?<workflow>\S+) at (?<at>\S+) \(")]
    private static partial Regex FireLine();
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;

namespace Symbol.Scheduling.Tests;

/// <summary>The README's C# example is <c>ReadmeExample.cs</c>, word for word, and it runs: five minutes, a save, a load.</summary>
public sealed partial class ReadmeExampleTests
{
    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [Fact]
    public void TheReadmeQuotesTheExampleVerbatim()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md")).ReplaceLineEndings("\n");
        var example = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ReadmeExample.cs")).ReplaceLineEndings("\n");

        Assert.Contains(example, CSharpBlock().Matches(readme).Select(m => m.Groups["code"].Value));
    }

    [Fact]
    public async Task TheExample_SavesAfterFiveMinutes_AndLoadsEveryJobStillToFire()
    {
        var start = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        using var folder = new TempFolder();
        var file = folder.File("schedule.json");

        var run = MyApp.Jobs.RunAsync(clock, file);
        while (!run.IsCompleted && clock.GetUtcNow() < start.AddMinutes(6))
            clock.Advance(TimeSpan.FromSeconds(1));
        var restored = await run.WaitAsync(TimeSpan.FromSeconds(30));

        // Every job still to fire is loaded, each with its registered callable: the recurring ones and load (its instant,
        // 2026-11-28T01:00Z, is ahead). transform (a one-off 10 s in) is among them only when the clock, advanced here
        // faster than the scheduler's thread follows, reached the stop before it fired; either way it loads.
        Assert.Equal(["ingest", "load", "nightly", "poll"], restored.Select(j => j.Name).Where(n => n != "transform").Order(StringComparer.Ordinal));
    }
}

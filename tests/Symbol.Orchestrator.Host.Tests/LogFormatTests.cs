using System.Text.Json;
using System.Text.RegularExpressions;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary>The host's console log as an operator or a log shipper reads it, set by the <c>Logging</c> section of <c>orchestrator.json</c>.</summary>
public sealed partial class LogFormatTests
{
    [Fact]
    public void EachLineStartsWithTheDateTheMillisecondsAndTheOffset()
    {
        using var folder = new HostFolder();
        using var host = HostProcess.Start(folder.Config);

        host.WaitFor("Started:");

        var started = host.Output.Split('\n').Single(l => l.Contains("Started:", StringComparison.Ordinal));
        Assert.Matches(Timestamped(), started);
    }

    [Fact]
    public void TheLoggingSectionSetsLevelsPerCategoryAndTheJsonFormatterWithoutAnUnknownKeyError()
    {
        using var folder = new HostFolder();
        File.WriteAllText(folder.Config, """
            { "Orchestrator": { "Workflows": "workflows", "State": "state/state.db", "Data": "data" },
              "Logging": { "LogLevel": { "Symbol.Orchestrator.Host": "Debug" }, "Console": { "FormatterName": "json" } } }
            """);
        using var host = HostProcess.Start(folder.Config);

        host.WaitFor("Started:");

        var started = JsonDocument.Parse(host.Output.Split('\n').Single(l => l.Contains("Started:", StringComparison.Ordinal))).RootElement;
        Assert.Equal("Symbol.Orchestrator.Host", started.GetProperty("Category").GetString());
        Assert.Equal("Information", started.GetProperty("LogLevel").GetString());
        Assert.Matches(Timestamped(), started.GetProperty("Timestamp").GetString()!);
    }

    // 2026-11-28T09:08:21.034+01:00
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d")]
    private static partial Regex Timestamped();
}

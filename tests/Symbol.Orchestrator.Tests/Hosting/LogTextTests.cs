using Symbol.Orchestrator.Scripting;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>Text from scripts and files reaches the host's log one line per event, with no control character raw.</summary>
public sealed class LogTextTests
{
    private const string Forged = "boom\n10:00:01 info: Symbol.Orchestrator.Host[105] Run forged ended succeeded\e[2J";

    private static bool HasControl(string line) => line.Any(c => char.IsControl(c));

    [Fact]
    public async Task AScriptErrorWithANewlineAndAnEscapeSequenceIsLoggedAsOneEscapedLine()
    {
        await using var host = new HostHarness();
        host.Write("w.flow", """
            workflow w {
                schedule cron "* * * * * *"
                job a { run ``` return 1; ``` }
            }
            """);
        host.Runner.On("a", (_, _) => Task.FromResult(AttemptResult.Failure(Forged, [])));
        await host.StartAsync();

        host.Clock.SetUtcNow(At("10:00:31"));
        await host.WaitForLogAsync("failed attempt 1");

        var line = Assert.Single(host.Logs.Lines(), l => l.Contains("failed attempt 1", StringComparison.Ordinal));
        Assert.EndsWith(@": boom\n10:00:01 info: Symbol.Orchestrator.Host[105] Run forged ended succeeded\u001b[2J", line);
        Assert.DoesNotContain(host.Logs.Lines(), HasControl);
    }

    [Fact]
    public async Task ADiagnosticQuotingAnEscapeSequenceAndAFileNamedWithOneAreLoggedEscaped()
    {
        await using var host = new HostHarness();
        var path = host.Write("w\e[2J.flow", """
            workflow w {
                job a { run ``` return 1; ``` }
            }
            """);
        await host.StartAsync();

        File.WriteAllText(path, "workflow w {\n    timezone \"Europe/\e[2JBerlin\"\n    job a { run ``` return 1; ``` }\n}\n");
        await host.ReloadAsync();

        Assert.True(host.Logs.Any(@"w\u001b[2J.flow:2:14: unknown time zone ""Europe/\u001b[2JBerlin"""), string.Join("\n", host.Logs.Lines()));
        Assert.True(host.Logs.Any(@"w\u001b[2J.flow has errors: its previous version keeps running"), string.Join("\n", host.Logs.Lines()));
        Assert.DoesNotContain(host.Logs.Lines(), HasControl);
    }
}

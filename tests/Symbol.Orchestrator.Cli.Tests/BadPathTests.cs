using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// A path that cannot be used gives one <c>error:</c> line naming it (exit 1, or 2 for a command line that does not
/// parse) and no stack trace; read-only verbs on a store that does not exist say so and create nothing.
/// </summary>
public sealed class BadPathTests : IDisposable
{
    private const string Demo = """
        workflow demo {
            job a { run ``` return 1; ``` }
        }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Under(params string[] parts) => Path.Combine([_folder.Path, .. parts]);

    private static void AssertOneLine(CliRun run, int exitCode, string error)
    {
        Assert.Equal((exitCode, ""), (run.ExitCode, run.Out));
        Assert.Equal(error, run.Error.Split('\n')[0].TrimEnd('\r'));
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void AFolderAsTheStoreIsRefused()
    {
        AssertOneLine(CliRun.Of("runs", "--state", "/"), 1, "error: Orchestrator:State: / is a folder; name the store's file, such as /state.db");
    }

    [Fact]
    public void AnEmptyFlagIsAUsageError()
    {
        AssertOneLine(CliRun.Of("runs", "--state", ""), 2, "error: --state must not be empty");
        AssertOneLine(CliRun.Of("run", "--workflows", " "), 2, "error: --workflows must not be blank, found ' '");
    }

    [Fact]
    public void ADeviceAsTheDataFolderIsRefusedBeforeAnythingIsCreated()
    {
        var flow = _folder.Write("demo.flow", Demo);

        AssertOneLine(CliRun.Of("trigger", flow, "--state", Under("state.db"), "--data", "/dev/null"), 1, "error: Orchestrator:Data: /dev/null is a file, not a folder");
        Assert.Equal([flow], _folder.Listing());
    }

    [Fact]
    public void AFileAsTheWorkflowsFolderIsRefusedBeforeTheHostStarts()
    {
        var flow = _folder.Write("demo.flow", Demo);

        AssertOneLine(CliRun.Of("run", "--workflows", flow, "--state", Under("state.db"), "--data", Under("data")), 1,
            $"error: Orchestrator:Workflows: {flow} is a file, not a folder");
        Assert.Equal([flow], _folder.Listing());
    }

    [Fact]
    public void AWorkflowsFolderThatDoesNotExistStopsTheHostBeforeAnythingIsCreated()
    {
        var missing = Under("flwos");

        AssertOneLine(CliRun.Of("run", "--workflows", missing, "--state", Under("state.db"), "--data", Under("data")), 1,
            $"error: Orchestrator:Workflows: {missing} does not exist");
        Assert.Empty(_folder.Listing());
    }

    [Fact]
    public void AStoreUnderAFileIsRefused()
    {
        var flow = _folder.Write("demo.flow", Demo);

        AssertOneLine(CliRun.Of("trigger", flow, "--state", Path.Combine(flow, "state.db")), 1, $"error: Orchestrator:State: {flow} is a file, not a folder");
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("show", "demo@manual-1")]
    public void AReadOnlyVerbOnAMissingStoreSaysSoAndCreatesNothing(params string[] verb)
    {
        var state = Under("nowhere", "state.db");

        AssertOneLine(CliRun.Of([.. verb, "--state", state]), 1, $"error: no state store at {state}: nothing has run yet");
        Assert.Empty(_folder.Listing());
    }

    [Fact]
    public void AStoreOfANewerSchemaIsRefusedByEveryVerbAndTheHost()
    {
        var flow = _folder.Write("demo.flow", Demo);
        var state = Under("state.db");
        Assert.Equal(0, CliRun.Of("trigger", flow, "--state", state, "--data", Under("data")).ExitCode);
        using (var connection = new SqliteConnection($"Data Source={state};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999";
            command.ExecuteNonQuery();
        }
        var refused = $"error: The state store {state} was written by a newer version of the orchestrator (schema version 999;";

        foreach (var verb in new[] { ["runs"], ["show", "demo@manual-1"], ["trigger", flow], new[] { "run", "--workflows", _folder.Path } })
        {
            var run = CliRun.Of([.. verb, "--state", state, "--data", Under("data")]);
            Assert.Equal((1, ""), (run.ExitCode, run.Out));
            Assert.StartsWith(refused, run.Error);
            Assert.DoesNotContain("   at ", run.Error);
        }
    }

    [Fact]
    public void AStoreThatCannotBeWrittenIsRefusedWhenOpenedNotMidwayThroughARun()
    {
        var flow = _folder.Write("demo.flow", Demo);
        var state = Under("state.db");
        Assert.Equal(0, CliRun.Of("trigger", flow, "--state", state, "--data", Under("data")).ExitCode);
        ReadOnly(state, true);
        try
        {
            AssertOneLine(CliRun.Of("trigger", flow, "--state", state, "--data", Under("data")), 1,
                $"error: The state store {state} is read-only: this process may not write the file or its folder (check their permissions and attributes). "
                + "It was left unchanged; move it aside or choose another state file.");
        }
        finally
        {
            ReadOnly(state, false);
        }
    }

    // Permissions do not stop root, which the tests may run as: the immutable attribute does.
    private static void ReadOnly(string path, bool on)
    {
        if (Environment.UserName != "root")
        {
            File.SetAttributes(path, on ? FileAttributes.ReadOnly : FileAttributes.Normal);
            return;
        }
        using var chattr = Process.Start("chattr", [on ? "+i" : "-i", path]);
        chattr.WaitForExit();
        Assert.Equal(0, chattr.ExitCode);
    }
}

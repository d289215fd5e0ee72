namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>Tests that set this process's environment variables: run one at a time, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>The CLI as a shell runs it reads <c>ORCHESTRATOR_*</c> from its own environment, not only from a test's dictionary.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ProcessEnvironmentTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void RunsUsesTheStoreNamedByORCHESTRATORState()
    {
        var state = Path.Combine(_folder.Path, "from-env.db");
        Environment.SetEnvironmentVariable("ORCHESTRATOR_State", state);
        try
        {
            var runs = CliRun.WithEnvironment(null, "runs", "--json");

            // The store it names does not exist: said, not created.
            Assert.Equal((1, $"error: no state store at {state}: nothing has run yet"), (runs.ExitCode, runs.Error.TrimEnd()));
            Assert.False(File.Exists(state));
        }
        finally
        {
            Environment.SetEnvironmentVariable("ORCHESTRATOR_State", null);
        }
    }
}

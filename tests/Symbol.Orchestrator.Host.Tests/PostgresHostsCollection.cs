namespace Symbol.Orchestrator.Host.Tests;

/// <summary>
/// The tests that start three hosts on PostgreSQL, one after another and after the other tests of the project: beside
/// them they would be a dozen processes on a small machine, and hosts that lag far behind there is not what they test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresHostsCollection
{
    public const string Name = "Several hosts on PostgreSQL";
}

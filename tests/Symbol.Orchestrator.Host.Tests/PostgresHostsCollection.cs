namespace Symbol.Orchestrator.Host.Tests;

/// <summary>
/// The tests that start three hosts on PostgreSQL, one after another: side by side they would be a dozen processes on a
/// small machine, and a host that starts slowly there is not what they test.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresHostsCollection
{
    public const string Name = "Several hosts on PostgreSQL";
}

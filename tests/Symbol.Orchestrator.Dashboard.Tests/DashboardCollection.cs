namespace Symbol.Orchestrator.Dashboard.Tests;

/// <summary>Every browser test shares one host and one browser (each starts in seconds on a busy machine); each test
/// acts on workflows of its own, so their order does not matter.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>
{
    public const string Name = "dashboard";
}

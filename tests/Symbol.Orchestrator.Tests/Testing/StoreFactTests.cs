using Xunit.Sdk;

namespace Symbol.Orchestrator.Tests.Testing;

/// <summary>
/// <see cref="StoreFactAttribute"/>: a contract class's inherited facts are skipped, with the reason, in a deriving
/// class that carries a <see cref="TestClassSkipAttribute"/> (as a PostgreSQL store's class does on a machine without
/// PostgreSQL), and run everywhere else.
/// </summary>
public sealed class StoreFactTests
{
    [Fact]
    public void InheritedStoreFacts_AreSkippedWithTheReason_InAClassThatSaysSo()
    {
        var cases = Discover<SkippedContract>();

        Assert.Equal(["ContractFact"], cases.Select(c => c.TestMethod.Method.Name));
        Assert.All(cases, c => Assert.Equal(SkippedForTheTestAttribute.Reason, c.SkipReason));
    }

    [Fact]
    public void InheritedStoreFacts_Run_InAClassWithoutAReason()
    {
        var cases = Discover<RunContract>();

        Assert.Equal(["ContractFact"], cases.Select(c => c.TestMethod.Method.Name));
        Assert.All(cases, c => Assert.Null(c.SkipReason));
    }

    [Fact]
    public void RequiresPostgres_SkipsWithPrivatePostgresReason()
    {
        var reason = TestClassSkipAttribute.ReasonFor(Reflector.Wrap(typeof(PostgresContract)));

        Assert.Equal(PrivatePostgres.SkipReason, reason);
    }

    private static List<IXunitTestCase> Discover<TClass>()
    {
        var assembly = new TestAssembly(Reflector.Wrap(typeof(TClass).Assembly));
        var testClass = new TestClass(new TestCollection(assembly, null, "contract"), Reflector.Wrap(typeof(TClass)));
        var discoverer = new StoreFactDiscoverer(new NullMessageSink());
        return testClass.Class.GetMethods(includePrivateMethods: false)
            .Where(m => m.GetCustomAttributes(typeof(StoreFactAttribute)).Any())
            .SelectMany(m => discoverer.Discover(new DiscoveryOptions(), new TestMethod(testClass, m), m.GetCustomAttributes(typeof(StoreFactAttribute)).Single()))
            .ToList();
    }

    /// <summary>No option set: xunit's defaults (its own options class is in the runner, which tests do not reference).</summary>
    private sealed class DiscoveryOptions : Xunit.Abstractions.ITestFrameworkDiscoveryOptions
    {
        public TValue GetValue<TValue>(string name) => default!;

        public void SetValue<TValue>(string name, TValue value)
        {
        }
    }

    /// <summary>A reason forced on, standing for a machine without the store.</summary>
    private sealed class SkippedForTheTestAttribute : TestClassSkipAttribute
    {
        public const string Reason = "forced on by the test";

        public override string? SkipReason => Reason;
    }

    /// <summary>
    /// Stands for StateStoreContractTests: a fact in an abstract class. Its public, skipped subclass is also run by
    /// xunit in this very test run, where the fact fails if it runs: the run shows it skipped ("forced on by the test").
    /// </summary>
    public abstract class Contract
    {
        [StoreFact]
        public void ContractFact() => Assert.Fail("a skipped contract test ran");
    }

    // Private too: a test run that skips a test on purpose would read as a skip in CI's count; Discover shows the skip.
    [SkippedForTheTest]
    private sealed class SkippedContract : Contract;

    // Private, so xunit runs it not (its fact fails when run); only Discover looks at it.
    private sealed class RunContract : Contract;

    [RequiresPostgres]
    private sealed class PostgresContract;
}


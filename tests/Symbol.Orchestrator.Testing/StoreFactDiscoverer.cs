using Xunit.Abstractions;
using Xunit.Sdk;

namespace Symbol.Orchestrator.Testing;

/// <summary>
/// Finds <see cref="StoreFactAttribute"/> tests as xunit finds facts, each skipped with its class's
/// <see cref="TestClassSkipAttribute"/> reason when there is one.
/// </summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new StoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

/// <summary>
/// A fact whose skip reason is its class's (<see cref="TestClassSkipAttribute"/>). It is worked out again wherever the
/// case is (a runner sends cases across as text and rebuilds them), so nothing more needs to be serialised.
/// </summary>
public sealed class StoreTestCase : XunitTestCase
{
    [Obsolete("For xunit's deserialisation only.", error: true)]
    public StoreTestCase()
    {
    }

    public StoreTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay methodDisplay, TestMethodDisplayOptions methodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, methodDisplay, methodDisplayOptions, testMethod)
    {
    }

    protected override string? GetSkipReason(IAttributeInfo factAttribute) =>
        TestClassSkipAttribute.ReasonFor(TestMethod.TestClass.Class) ?? base.GetSkipReason(factAttribute);
}

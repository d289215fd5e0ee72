using Xunit.Sdk;

namespace Symbol.Orchestrator.Testing;

/// <summary>
/// A <see cref="FactAttribute"/> of a contract test written once for every store: skipped when the class it runs in
/// (the deriving class, for an inherited test) carries a <see cref="TestClassSkipAttribute"/> with a reason.
/// </summary>
[XunitTestCaseDiscoverer("Symbol.Orchestrator.Testing.StoreFactDiscoverer", "Symbol.Orchestrator.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

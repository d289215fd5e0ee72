using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>
/// The store contract on the kit's <see cref="InMemoryStateStore"/>, the benchmarks' yardstick: a store measured in
/// place of the real one must behave as one. Reopening hands back the same storage, as a restart of a process that
/// kept it would.
/// </summary>
public sealed class InMemoryStateStoreTests : StateStoreContractTests
{
    private InMemoryStateStore? _store;

    protected override Task<IStateStore> OpenStoreAsync(TimeProvider time) =>
        Task.FromResult<IStateStore>(_store ??= new InMemoryStateStore(time));
}

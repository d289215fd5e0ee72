using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>The store contract on a SQLite file in a folder of its own.</summary>
public sealed class SqliteStateStoreTests : StateStoreContractTests
{
    private readonly TempFolder _folder = new();

    protected override async Task<IStateStore> OpenStoreAsync(TimeProvider time) =>
        await SqliteStateStore.OpenAsync(_folder.File("state.db"), time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}

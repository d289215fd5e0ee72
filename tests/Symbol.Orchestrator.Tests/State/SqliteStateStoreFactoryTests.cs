using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>The SQLite store factory: a store is created at first open, and one host at a time holds it.</summary>
public sealed class SqliteStateStoreFactoryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    private SqliteStateStoreFactory Factory() => new(_folder.File("state.db"), new FakeTimeProvider(T0));

    [Fact]
    public async Task AStoreExistsOnceItHasBeenOpened()
    {
        var stores = Factory();
        Assert.False(stores.Exists);

        await using (await stores.OpenAsync())
        {
        }

        Assert.True(stores.Exists);
    }

    [Fact]
    public async Task ASecondHostIsRefusedNamingTheFirstAndTheNextOneAfterItTakesItsRuns()
    {
        var stores = Factory();
        var (store, claim) = await stores.OpenForHostAsync("box:1");

        var refused = await Assert.ThrowsAsync<StateStoreException>(() => stores.OpenForHostAsync("box:2"));
        Assert.Contains("is in use by another host: box:1", refused.Message);
        Assert.Empty(stores.GoneHostOwners());

        await store.DisposeAsync();
        claim.Dispose();
        Assert.Equal(["box:1"], stores.GoneHostOwners());
        var (next, nextClaim) = await stores.OpenForHostAsync("box:2");
        Assert.Equal(["box:1"], nextClaim.GoneOwners);
        await next.DisposeAsync();
        nextClaim.Dispose();
    }

    public void Dispose() => _folder.Dispose();
}

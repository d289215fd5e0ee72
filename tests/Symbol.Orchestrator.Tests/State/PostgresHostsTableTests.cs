using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Symbol.Orchestrator.State.Postgres;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>
/// The table of live hosts on a PostgreSQL store: a host is alive from its start to its graceful stop, and while its
/// heartbeat (every Lease/3) is fresher than the lease; a verb (backfill) asks who is. The host's clock and the verb's
/// are fake clocks apart, so a host that stopped beating (kill -9, a freeze) is a clock that did not move.
/// </summary>
public sealed class PostgresHostsTableTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static async Task<PostgresUrl> DatabaseAsync() => PostgresUrl.Parse(PrivatePostgres.Url(await PrivatePostgres.CreateDatabaseAsync()));

    // What a verb sees, asking at host time plus `later`.
    private static string? LiveHostSeen(PostgresUrl url, TimeSpan later) =>
        new PostgresStateStoreFactory(url, new FakeTimeProvider(T0 + later), Lease).LiveHostOwner();

    [PostgresFact]
    public async Task AHostIsLiveFromItsStartUntilItsGracefulStop()
    {
        var url = await DatabaseAsync();
        Assert.Null(LiveHostSeen(url, TimeSpan.Zero));

        var (store, claim) = await new PostgresStateStoreFactory(url, new FakeTimeProvider(T0), Lease).OpenForHostAsync("host-a");
        Assert.Equal("host-a", LiveHostSeen(url, TimeSpan.FromSeconds(1)));

        await store.DisposeAsync();
        claim.Dispose();
        Assert.Null(LiveHostSeen(url, TimeSpan.FromSeconds(1)));
    }

    [PostgresFact]
    public async Task AHostWhoseHeartbeatIsOlderThanTheLeaseIsNotLiveAsAfterKill9()
    {
        var url = await DatabaseAsync();
        var (store, claim) = await new PostgresStateStoreFactory(url, new FakeTimeProvider(T0), Lease).OpenForHostAsync("host-a");
        await using (store)
        using (claim)
        {
            Assert.Equal("host-a", LiveHostSeen(url, Lease - TimeSpan.FromSeconds(1)));
            Assert.Null(LiveHostSeen(url, Lease + TimeSpan.FromSeconds(1)));
        }
    }

    [PostgresFact]
    public async Task EveryThirdOfTheLeaseTheHeartbeatKeepsTheHostLive()
    {
        var url = await DatabaseAsync();
        var hostTime = new FakeTimeProvider(T0);
        var (store, claim) = await new PostgresStateStoreFactory(url, hostTime, Lease).OpenForHostAsync("host-a");
        await using (store)
        using (claim)
        {
            var past = Lease + Lease / 6; // past the lease from the start, within it from the first beat at Lease/3
            Assert.Null(LiveHostSeen(url, past));

            hostTime.Advance(Lease / 3);
            await Wait.UntilAsync(() => LiveHostSeen(url, past) == "host-a", "the heartbeat at Lease/3");
        }
    }

    [PostgresFact]
    public async Task OfSeveralLiveHostsTheFreshestIsNamedAndAStoppedOneLeavesTheOthers()
    {
        var url = await DatabaseAsync();
        var a = await new PostgresStateStoreFactory(url, new FakeTimeProvider(T0), Lease).OpenForHostAsync("host-a");
        var b = await new PostgresStateStoreFactory(url, new FakeTimeProvider(T0 + TimeSpan.FromSeconds(2)), Lease).OpenForHostAsync("host-b");
        await using (a.Store)
        {
            Assert.Equal("host-b", LiveHostSeen(url, TimeSpan.FromSeconds(3)));
            await b.Store.DisposeAsync();
            b.Claim.Dispose();
            Assert.Equal("host-a", LiveHostSeen(url, TimeSpan.FromSeconds(3)));
            a.Claim.Dispose();
        }
        Assert.Null(LiveHostSeen(url, TimeSpan.FromSeconds(3)));
    }

    [PostgresFact]
    public async Task AHostStartedAgainUnderTheSameOwnerKeepsItsRowWhenTheEarlierOneStopsLate()
    {
        var url = await DatabaseAsync();
        var earlier = await new PostgresStateStoreFactory(url, new FakeTimeProvider(T0), Lease).OpenForHostAsync("host-a");
        var again = await new PostgresStateStoreFactory(url, new FakeTimeProvider(T0 + TimeSpan.FromSeconds(5)), Lease).OpenForHostAsync("host-a");
        await using (again.Store)
        using (again.Claim)
        {
            await earlier.Store.DisposeAsync();
            earlier.Claim.Dispose();
            Assert.Equal("host-a", LiveHostSeen(url, TimeSpan.FromSeconds(6)));
        }
    }

    [PostgresFact]
    public async Task ADatabaseAStoreWasNeverOpenedOnHasNoLiveHost()
    {
        var database = await PrivatePostgres.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var tables = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", connection);
            Assert.Equal(0L, await tables.ExecuteScalarAsync());
        }

        Assert.Null(new PostgresStateStoreFactory(PostgresUrl.Parse(PrivatePostgres.Url(database)), TimeProvider.System, Lease).LiveHostOwner());
    }
}

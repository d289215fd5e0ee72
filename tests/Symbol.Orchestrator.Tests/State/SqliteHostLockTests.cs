using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>One host per SQLite store: the second is refused with the first one's name; a gone host's runs go to the next.</summary>
public sealed class SqliteHostLockTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ASecondHostIsRefusedWithTheRunningHostsOwnerPidAndStartAndTheWayToRunSeveral()
    {
        using var folder = new TempFolder();
        var state = folder.File("state.db");
        using var first = SqliteHostLock.Take(state, "box:100", Since);

        var refused = Assert.Throws<StateStoreException>(() => SqliteHostLock.Take(state, "box:200", Since.AddMinutes(5)));

        Assert.Equal($"The state store {state} is in use by another host: box:100 (pid {Environment.ProcessId}, running since 2026-11-28T10:00:00.0000000+00:00). "
                     + "One SQLite store serves one host: stop that one first, or run several hosts on a PostgreSQL store.", refused.Message);
        Assert.Equal("box:100", SqliteHostLock.LiveHost(state)?.Owner);
    }

    [Fact]
    public void OnceAHostIsGoneTheNextTakesTheStoreAndItsRunsAndThoseItHadNotTakenBackYet()
    {
        using var folder = new TempFolder();
        var state = folder.File("state.db");
        using (SqliteHostLock.Take(state, "box:100", Since))
        {
        }
        Assert.Null(SqliteHostLock.LiveHost(state));

        // box:101 ends before it has resumed box:100's runs: box:102 takes both.
        using (var second = SqliteHostLock.Take(state, "box:101", Since))
            Assert.Equal(["box:100"], second.GoneOwners);
        using (var third = SqliteHostLock.Take(state, "box:102", Since))
        {
            Assert.Equal(["box:101", "box:100"], third.GoneOwners);
            third.Resumed();
        }
        using var fourth = SqliteHostLock.Take(state, "box:103", Since);

        Assert.Equal(["box:102"], fourth.GoneOwners);
    }
}

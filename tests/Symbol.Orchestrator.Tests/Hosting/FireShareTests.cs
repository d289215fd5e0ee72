using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>Hosts on one store share out the fires: each workflow has one first host, the same on every host, and the others stand by.</summary>
public sealed class FireShareTests
{
    private static readonly string[] Three = ["host-a", "host-b", "host-c"];

    [Fact]
    public void EveryWorkflowHasExactlyOneFirstHostAndEveryHostIsFirstForSome()
    {
        var workflows = Enumerable.Range(0, 300).Select(i => $"w{i:000}").ToList();

        var firsts = workflows.Select(w => Assert.Single(Three, h => !FireShare.IsStandby(w, h, Three))).ToList();

        // Rendezvous hashing spreads them: each of three hosts is first for roughly a third (never none, never nearly all).
        Assert.All(Three, h => Assert.InRange(firsts.Count(f => f == h), 60, 140));
    }

    [Theory]
    [InlineData("host-a,host-b,host-c", "etl_{0}")]
    [InlineData("host1,host2,host3", "etl_{0}")]
    [InlineData("host1,host2,host3", "w{0:0000}")]
    [InlineData("web-1:101,web-2:102,web-3:103", "w{0:0000}")]
    public void OwnersThatDifferInOneCharacterShareAThousandWorkflowsEvenly(string owners, string names)
    {
        var live = owners.Split(',');
        var workflows = Enumerable.Range(0, 1000).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, names, i)).ToList();

        var firsts = workflows.Select(w => Assert.Single(live, h => !FireShare.IsStandby(w, h, live))).ToList();

        // A third each, give or take 13 %: the hosts' work is their fires, so an uneven share is a busier host.
        Assert.All(live, h => Assert.InRange(firsts.Count(f => f == h), 290, 376));
    }

    [Fact]
    public void EveryHostAgreesWhoIsFirstWhateverOrderItListsTheHostsIn()
    {
        string[] reversed = [.. Three.Reverse()];

        foreach (var workflow in new[] { "etl", "nightly-report", "w0001" })
            Assert.Equal(Three.Where(h => !FireShare.IsStandby(workflow, h, Three)), reversed.Where(h => !FireShare.IsStandby(workflow, h, reversed)).Order());
    }

    [Fact]
    public void AHostLeavingMovesOnlyTheWorkflowsItWasFirstFor()
    {
        var workflows = Enumerable.Range(0, 300).Select(i => $"w{i:000}").ToList();
        string[] two = ["host-a", "host-b"];

        // The workflows host-c was not first for keep their first host when it leaves.
        var moved = workflows.Where(w => FireShare.IsStandby(w, "host-c", Three)
            && Assert.Single(Three, h => !FireShare.IsStandby(w, h, Three)) != Assert.Single(two, h => !FireShare.IsStandby(w, h, two))).ToList();

        Assert.Empty(moved);
    }

    [Theory]
    [InlineData(new string[0], "host-a")]
    [InlineData(new[] { "host-a" }, "host-a")]
    [InlineData(new[] { "host-b", "host-c" }, "host-a")]
    public void AHostAloneOrNotYetListedAsAliveFiresEverythingItself(string[] live, string self) =>
        Assert.False(FireShare.IsStandby("etl", self, live));
}

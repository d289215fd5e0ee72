using Symbol.Orchestrator.Language.Diagnostics;

namespace Symbol.Orchestrator.Language.Tests;

/// <summary>The one did-you-mean: settings, jobs and time zones in .flow files, verbs and workflows on the command line, configuration keys.</summary>
public sealed class DidYouMeanTests
{
    private static readonly string[] Settings = ["schedule", "timezone", "catchup", "concurrency", "overlap", "params", "use", "retries", "timeout"];
    private static readonly string[] Verbs = ["run", "validate", "preview", "graph", "trigger", "runs", "show", "retry"];

    [Theory]
    [InlineData("shedule", "schedule")]
    [InlineData("retires", "retries")]
    [InlineData("timout", "timeout")]
    [InlineData("concurency", "concurrency")]
    public void AMisspeltSettingIsMatchedToTheSetting(string word, string expected) =>
        Assert.Equal(expected, DidYouMean.Closest(word, Settings));

    [Theory]
    [InlineData("preveiw", "preview")]
    [InlineData("valdate", "validate")]
    [InlineData("shwo", "show")]
    [InlineData("trigerr", "trigger")]
    public void AMisspeltVerbIsMatchedToTheVerb(string word, string expected) =>
        Assert.Equal(expected, DidYouMean.Closest(word, Verbs));

    [Fact]
    public void JobNamesTimeZonesAndConfigurationKeysAreMatchedAlike()
    {
        Assert.Equal("transform", DidYouMean.Closest("transfrom", ["extract", "transform", "load"]));
        Assert.Equal("Europe/Berlin", DidYouMean.Closest("Europe/Berlinn", ["Europe/Paris", "Europe/Berlin", "Europe/Bern"]));
        Assert.Equal("MaxParallelJobs", DidYouMean.Closest("MaxParralelJobs", ["Workflows", "MaxParallelJobs", "CatchupLimit"]));
        Assert.Equal("demo", DidYouMean.Closest("demoo", ["demo", "nightly_etl"]));
    }

    [Fact]
    public void ASwapOfTwoNeighbouringLettersIsOneEdit()
    {
        Assert.Equal(1, DidYouMean.Distance("preveiw", "preview"));
        // Two swaps are two edits, so still a suggestion; as insertions and deletions they would be four.
        Assert.Equal(2, DidYouMean.Distance("rpeveiw", "preview"));
        Assert.Equal("preview", DidYouMean.Closest("rpeveiw", Verbs));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    [InlineData("ab", "ba", 1)]
    public void DistanceCountsInsertionsDeletionsSubstitutionsAndSwaps(string a, string b, int expected) =>
        Assert.Equal(expected, DidYouMean.Distance(a, b));

    [Theory]
    [InlineData("deploy")]
    [InlineData("xy")]
    [InlineData("schedule")]
    public void NothingIsSuggestedForAWordFarFromEveryNameOrForTheNameItself(string word) =>
        Assert.Null(DidYouMean.Closest(word, Settings));

    [Fact]
    public void ATwoLetterWordIsNotMatchedToANameItSharesNoLetterWith() =>
        Assert.Null(DidYouMean.Closest("ab", ["xy", "cd"]));

    [Fact]
    public void OfTwoNamesEquallyCloseTheFirstGivenWins()
    {
        Assert.Equal("runs", DidYouMean.Closest("rune", ["runs", "rung"]));
        Assert.Equal("rung", DidYouMean.Closest("rune", ["rung", "runs"]));
    }

    [Fact]
    public void AHugeWordIsGivenUpOnAtOnce()
    {
        var huge = new string('x', 1_000_000);

        Assert.Null(DidYouMean.Closest(huge, [huge + "y", "schedule"]));
        Assert.Equal("", DidYouMean.Suffix(huge, Settings));
    }

    [Fact]
    public void SuffixIsWhatAMessageEndsWith()
    {
        Assert.Equal(" (did you mean 'schedule'?)", DidYouMean.Suffix("shedule", Settings));
        Assert.Equal("", DidYouMean.Suffix("deploy", Settings));
    }
}

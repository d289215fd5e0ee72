using Symbol.Orchestrator.Language.Planning;

namespace Symbol.Orchestrator.Language.Tests.Planning;

public class JobPlanTests
{
    public static TheoryData<string, string> Plans => new()
    {
        // "jobs" lists each job as name or name<upstream,upstream in declaration order; layers are "a | b, c | d".
        { "ingest transform<ingest validate<ingest load<transform,validate", "ingest | transform, validate | load" },
        { "load<transform,validate validate<ingest transform<ingest ingest", "ingest | validate, transform | load" },
        { "a b c", "a, b, c" },
        { "c<b b<a a", "a | b | c" },
        { "a b<a c<a,b", "a | b | c" },
        { "report fetch notify<report", "report, fetch | notify" },
        { "z<a y<a x<y,z a cleanup", "a, cleanup | z, y | x" },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Layers_PlaceEachJobAfterItsLastUpstream_InDeclarationOrder(string jobs, string expected)
    {
        var workflow = Build.Jobs(jobs.Split(' ').Select(Parse).ToArray());

        var layers = JobPlan.LayerNames(workflow);

        Assert.Equal(expected, string.Join(" | ", layers.Select(layer => string.Join(", ", layer))));
    }

    [Fact]
    public void Layers_OfACycle_Throw()
    {
        var error = Assert.Throws<ArgumentException>(() => JobPlan.Layers(Build.Jobs(Build.Job("a", "b"), Build.Job("b", "a"), Build.Job("c"))));
        Assert.Contains("a, b form a cycle", error.Message);
    }

    [Fact]
    public void Layers_WithAnUnknownUpstream_Throw() =>
        Assert.Throws<ArgumentException>(() => JobPlan.Layers(Build.Jobs(Build.Job("a", "ghost"))));

    [Fact]
    public void Layers_OfNoJobs_AreEmpty() => Assert.Empty(JobPlan.Layers(Build.Jobs()));

    private static JobDefinition Parse(string spec)
    {
        var parts = spec.Split('<');
        return Build.Job(parts[0], parts.Length == 1 ? [] : parts[1].Split(','));
    }
}

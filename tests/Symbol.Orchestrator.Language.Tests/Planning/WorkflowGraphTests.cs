using Symbol.Orchestrator.Language.Planning;

namespace Symbol.Orchestrator.Language.Tests.Planning;

public class WorkflowGraphTests
{
    private static readonly WorkflowDefinition Etl = Build.Workflow("UTC", [], name: "etl", jobs:
    [
        Build.Job("ingest"), Build.Job("transform", "ingest"), Build.Job("validate", "ingest"),
        Build.Job("load", "transform", "validate"), Build.Job("cleanup"),
    ]);

    [Fact]
    public void Mermaid_DrawsEveryEdgeOnceAndTheIsolatedJobs() =>
        Assert.Equal("""
            flowchart LR
                %% workflow etl
                ingest --> transform
                ingest --> validate
                transform --> load
                validate --> load
                cleanup

            """, WorkflowGraph.Render(Etl, GraphFormat.Mermaid), ignoreLineEndingDifferences: true);

    [Fact]
    public void Mermaid_GivesJobsNamedLikeItsKeywordsNeutralIds() =>
        Assert.Equal("""
            flowchart LR
                %% workflow wf
                j0["start"]
                j1["end"]
                j0 --> j1

            """, WorkflowGraph.Render(Build.Jobs(Build.Job("start"), Build.Job("end", "start")), GraphFormat.Mermaid), ignoreLineEndingDifferences: true);

    [Fact]
    public void Mermaid_OfSeveralWorkflows_BoxesEach()
    {
        var report = Build.Workflow("UTC", [], name: "report", jobs: [Build.Job("ingest"), Build.Job("send", "ingest")]);

        Assert.Equal("""
            flowchart LR
                subgraph w1 ["etl"]
                    w1_ingest["ingest"]
                    w1_transform["transform"]
                    w1_validate["validate"]
                    w1_load["load"]
                    w1_cleanup["cleanup"]
                    w1_ingest --> w1_transform
                    w1_ingest --> w1_validate
                    w1_transform --> w1_load
                    w1_validate --> w1_load
                end
                subgraph w2 ["report"]
                    w2_ingest["ingest"]
                    w2_send["send"]
                    w2_ingest --> w2_send
                end

            """, WorkflowGraph.Render([Etl, report], GraphFormat.Mermaid), ignoreLineEndingDifferences: true);
    }

    [Fact]
    public void Dot_DrawsEveryEdgeOnceAndTheIsolatedJobs() =>
        Assert.Equal("""
            digraph "etl" {
                rankdir=LR;
                node [shape=box];
                "ingest" -> "transform";
                "ingest" -> "validate";
                "transform" -> "load";
                "validate" -> "load";
                "cleanup";
            }

            """, WorkflowGraph.Render(Etl, GraphFormat.Dot), ignoreLineEndingDifferences: true);

    [Fact]
    public void Dot_OfSeveralWorkflows_ClustersEach_AndQuotesKeywords()
    {
        var hello = Build.Workflow("UTC", [], name: "hello", jobs: [Build.Job("say")]);
        var report = Build.Workflow("UTC", [], name: "report", jobs: [Build.Job("node"), Build.Job("graph", "node")]);

        Assert.Equal("""
            digraph workflows {
                rankdir=LR;
                node [shape=box];
                subgraph "cluster_hello" {
                    label="hello";
                    "hello.say" [label="say"];
                }
                subgraph "cluster_report" {
                    label="report";
                    "report.node" [label="node"];
                    "report.graph" [label="graph"];
                    "report.node" -> "report.graph";
                }
            }

            """, WorkflowGraph.Render([hello, report], GraphFormat.Dot), ignoreLineEndingDifferences: true);
    }
}

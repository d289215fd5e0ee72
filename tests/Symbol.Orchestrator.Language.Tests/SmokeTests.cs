namespace Symbol.Orchestrator.Language.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void SpecExample_Compiles()
    {
        const string text = """
            # Nightly ETL: ingest, then transform and validate side by side, then load.
            workflow etl {
                schedule cron "0 2 * * *"
                timezone "Europe/Berlin"
                catchup latest
                params { "region": "eu", "batch": 500 }
                retries 2 backoff 10s          # default for every job below

                job ingest {
                    timeout 2m
                    run ```
                        const rows = [1, 2, 3];
                        log(`ingested ${rows.length} rows for ${params.region}`);
                        return { count: rows.length };
                    ```
                }

                job transform { run file "scripts/transform.js" }
                job validate  { run ``` if (inputs.ingest.count < 1) throw new Error("empty"); ``` }
                job load      { retries 0  run ``` return inputs.transform.count; ``` }

                ingest -> transform, validate -> load
            }
            """;
        var workflow = Compile.Single(text, new Dictionary<string, string> { ["scripts/transform.js"] = "return inputs.ingest.count * 2;" });
        Assert.Equal("etl", workflow.Name);
        Assert.Equal(["ingest", "transform", "validate", "load"], workflow.Jobs.Select(j => j.Name));
        Assert.Equal(["ingest"], workflow.FindJob("transform")!.Upstream);
        Assert.Equal(["transform", "validate"], workflow.FindJob("load")!.Upstream);
        Assert.Equal(2, workflow.FindJob("ingest")!.Retry.Retries);
        Assert.Equal(0, workflow.FindJob("load")!.Retry.Retries);
        Assert.Equal(TimeSpan.FromMinutes(2), workflow.FindJob("ingest")!.Timeout);
        Assert.Equal(11, workflow.FindJob("ingest")!.Script.Line);
    }
}

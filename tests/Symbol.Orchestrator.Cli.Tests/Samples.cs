namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>.flow files the CLI tests run on.</summary>
internal static class Samples
{
    public const string Etl = """
        # Nightly ETL in Berlin: fan-out after ingest, fan-in at load; audit stands alone.
        workflow etl {
            schedule cron "30 2 * * *"
            timezone "Europe/Berlin"
            catchup all within 3d

            job ingest    { run ``` return { count: 3 }; ``` }
            job transform { run ``` return inputs.ingest.count; ``` }
            job validate  { run ``` if (inputs.ingest.count < 1) throw new Error("empty"); ``` }
            job load      { run ``` return inputs.transform; ``` }
            job audit     { run ``` log("audit"); ``` }

            ingest -> transform, validate -> load
        }
        """;

    public const string Reports = """
        // New York reports: a Vixie-OR cron, an interval and a one-off without an offset, merged.
        workflow reports {
            schedule cron "0 9 13 * FRI"
            schedule every 6h
            schedule at "2027-11-07T01:30"
            timezone "America/New_York"
            catchup latest
            job build { run ``` return 1; ``` }
            job send  { run ``` return 2; ``` }
            build -> send
        }
        """;

    public const string Broken = """
        workflow broken {
            shedule cron "0 2 * * *"
            job a { run ``` return 1; ``` }
            a -> b
        }
        """;

    public const string PastOneOff = """
        workflow once {
            schedule at "2020-01-01T00:00Z"
            job a { run ``` return 1; ``` }
        }
        """;
}

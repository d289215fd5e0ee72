namespace Symbol.Orchestrator.Telemetry;

/// <summary>The names of the spans' and the instruments' attributes (docs/telemetry.md), in one place.</summary>
public static class TelemetryTags
{
    public const string Workflow = "orchestrator.workflow";
    public const string RunId = "orchestrator.run.id";
    public const string RunTrigger = "orchestrator.run.trigger";
    public const string RunScheduledAt = "orchestrator.run.scheduled_at";
    public const string RunStatus = "orchestrator.run.status";
    public const string RunResumed = "orchestrator.run.resumed";
    public const string Job = "orchestrator.job";
    public const string JobAttempt = "orchestrator.job.attempt";
    public const string JobOutcome = "orchestrator.job.outcome";
    public const string JobStatus = "orchestrator.job.status";
    public const string FireTrigger = "orchestrator.fire.trigger";
    public const string FireOutcome = "orchestrator.fire.outcome";
    public const string ReloadOutcome = "orchestrator.reload.outcome";
    public const string ErrorType = "error.type";
    public const string DbSystemName = "db.system.name";
    public const string HttpRequestMethod = "http.request.method";
    public const string HttpResponseStatusCode = "http.response.status_code";
    public const string UrlFull = "url.full";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
}

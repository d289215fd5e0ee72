namespace Symbol.Orchestrator.Reports;

/// <summary>
/// <c>backfill --json</c> (docs/cli.md): the range as read (in the workflow's zone when it had no offset), every fire instant
/// in it with its run, how many runs were queued and how many instants already had one, and the runs as they ended.
/// </summary>
/// <param name="Host">The host alive on the store that runs the queued runs; null when this process ran them (or none ran: a dry run, <c>--no-wait</c> with no host).</param>
/// <param name="Runs">The runs this backfill ran or followed, as <c>runs --json</c> shows them: at their end, or as they are now with <c>--no-wait</c>.</param>
internal sealed record BackfillReport(
    string Workflow,
    string From,
    string To,
    bool DryRun,
    IReadOnlyList<BackfillInstant> Instants,
    int Queued,
    int Existing,
    string? Host,
    IReadOnlyList<RunSummary> Runs);

/// <param name="Status"><c>new</c> (a dry run: it would be queued), <c>queued</c>, or the status of the run the instant already had.</param>
internal sealed record BackfillInstant(string ScheduledAt, string RunId, string Status);

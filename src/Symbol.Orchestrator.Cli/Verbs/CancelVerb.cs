using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary>
/// <c>cancel RUN_ID [--no-wait]</c>: asks a pending or running run to stop. The request is stored; the process holding
/// the run (the host, or a <c>trigger</c>/<c>retry</c>) reads it within a second and cancels the run. A run nobody holds
/// (queued, or its lease ran out) is taken and cancelled by this process, through the executor as a holder would. By
/// default it waits until the run is recorded cancelled, then prints its jobs as <c>show</c> does.
/// </summary>
internal static class CancelVerb
{
    /// <summary>How long the verb waits for the run's holder to act before it says so and exits 1 (the request stays).</summary>
    public static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(30);

    // Well under the second a holder takes to act, so the wait adds little to what the user sees.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    // The runs an unknown id is compared with: the recent ones are the ones a user copies from `runs`.
    private const int RecentRuns = 200;

    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run, as `runs` lists it." }.NotBlank();
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the request is stored, without waiting for the run to stop." };
        var json = CommonOptions.Json();
        var run = new RunOptions();
        var command = new Command("cancel", "Stop a pending or running run: running jobs are cancelled, jobs not started skipped; wait until it is recorded cancelled.")
        {
            runId, noWait, json,
        };
        run.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = run.Services(parsed, context);
            if (services is null)
                return ExitCodes.Failed;
            var stores = services.GetRequiredService<IStateStoreFactory>();
            await using var store = await StateAccess.OpenExistingAsync(stores, context, ct);
            if (store is null)
                return ExitCodes.Failed;
            var request = new Request(parsed.GetRequiredValue(runId), parsed.GetValue(noWait), parsed.GetValue(json), store, stores, services, context);
            try
            {
                return await request.RunAsync(ct);
            }
            catch (InvalidOperationException e)
            {
                // Taken over here, then refused by the store or its definition: one line, as `retry` says it.
                context.WriteError(e.Message);
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private sealed record Request(string Id, bool NoWait, bool Json, IStateStore Store, IStateStoreFactory Stores, IServiceProvider Services, CliContext Context)
    {
        public async Task<int> RunAsync(CancellationToken ct)
        {
            var requestedAt = Context.Time.GetUtcNow();
            if (await Store.RequestCancelAsync(Id, requestedAt, ct) is not { } run)
            {
                var recent = (await Store.ListRunsAsync(null, RecentRuns, ct)).Select(r => r.RunId);
                Context.WriteError($"no run '{Id}' in the store {Stores.Location}{DidYouMean.Suffix(Id, recent)}");
                return ExitCodes.Failed;
            }
            if (run.IsFinished)
            {
                Context.WriteError($"run {Id} already finished: {EnumText.Name(run.Status)} at {Iso.Format(run.FinishedAt ?? run.ScheduledAt)}; nothing to cancel");
                return ExitCodes.Failed;
            }
            var waitUntil = requestedAt + WaitBound;
            var goneSaid = false;
            while (true)
            {
                if (run.IsFinished)
                    return await ReportAsync(run, ct);
                if (Unheld(run) && await TakeOverAsync(run, ct) is { } taken)
                    return await ReportAsync(taken, ct);
                if (NoWait)
                    return await RequestedAsync(run, ct);
                // A host that died (kill -9) holds its lease until it runs out, a minute at most: nobody else will
                // act before then, so wait for it, and take the run then, rather than give up at the usual bound.
                if (!goneSaid && GoneHolder(run) is { } expires)
                {
                    goneSaid = true;
                    if (expires > waitUntil)
                        waitUntil = expires + PollInterval;
                    // Not an error: a note on stderr, where it stays out of --json's document.
                    Context.Error.WriteLine(TerminalText.Escape($"the holder of run {run.RunId}, host {run.LeaseOwner}, is gone; its lease runs out at "
                                                                + $"{Iso.Format(expires)}: waiting to cancel the run then (a host started on this store would cancel it at once)"));
                }
                if (Context.Time.GetUtcNow() >= waitUntil)
                {
                    Context.WriteError(NotActedOn(run));
                    return ExitCodes.Failed;
                }
                await Task.Delay(PollInterval, Context.Time, ct);
                run = await Store.GetRunAsync(Id, ct) ?? throw new InvalidOperationException($"run {Id} vanished from the store");
            }
        }

        // Queued (never leased) or its lease ran out: nobody works on it, so nobody else would ever act on the request.
        private bool Unheld(RunRecord run) => run.IsQueued || run.LeaseExpiresAt is { } expires && expires <= Context.Time.GetUtcNow();

        /// <summary>When the lease of a holder known to be gone (a host no longer holding the store) runs out; null for a live holder.</summary>
        private DateTimeOffset? GoneHolder(RunRecord run) =>
            run is { LeaseOwner: { } owner, LeaseExpiresAt: { } expires } && Stores.GoneHostOwners().Contains(owner) ? expires : null;

        /// <summary>Leases the run and cancels it here, as its holder would; null when someone else took it first.</summary>
        private async Task<RunRecord?> TakeOverAsync(RunRecord run, CancellationToken ct)
        {
            // What runs after a cancel (a workflow's handlers) may use the files API, whose root must exist.
            Directory.CreateDirectory(Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value.DataPath);
            var executor = Services.GetRequiredService<RunExecutorFactory>().ForVerb(Store);
            try
            {
                return await executor.ResumeAsync(run, ct);
            }
            catch (InvalidOperationException)
            {
                // Another process leased it first (a host taking queued runs): that one acts on the request.
                if ((await Store.GetRunAsync(Id, ct))?.LeaseOwner != ExecutorOptions.ThisProcess)
                    return null;
                throw;
            }
        }

        private async Task<int> ReportAsync(RunRecord run, CancellationToken ct)
        {
            if (Json)
                ReportJson.Write(Context.Out, await RunReport.LoadAsync(Store, run));
            else
            {
                foreach (var line in RunText.JobLines(await Store.GetJobsAsync(run.RunId, ct), run.Status))
                    Context.Out.WriteLine(line);
                Context.Out.WriteLine(RunText.Summary(run));
            }
            if (run.Status == RunStatus.Cancelled)
                return ExitCodes.Ok;
            // It ended on its own between the request and the holder's next look at the store.
            Context.WriteError($"run {run.RunId} finished {EnumText.Name(run.Status)} before the cancel took effect");
            return ExitCodes.Failed;
        }

        private async Task<int> RequestedAsync(RunRecord run, CancellationToken ct)
        {
            // Read again: a run this process could not take was taken by someone else just now, its new holder.
            run = await Store.GetRunAsync(run.RunId, ct) ?? run;
            if (Json)
                ReportJson.Write(Context.Out, await RunReport.LoadAsync(Store, run));
            else if (GoneHolder(run) is { } expires)
                Context.Out.WriteLine(TerminalText.Escape($"cancel of run {run.RunId} requested; its holder, host {run.LeaseOwner}, is gone: a host started on "
                                                          + $"this store cancels it at once, or `cancel` it again once its lease runs out at {Iso.Format(expires)}"));
            else
                Context.Out.WriteLine(TerminalText.Escape($"cancel of run {run.RunId} requested; its holder {run.LeaseOwner} stops it within a second"));
            return ExitCodes.Ok;
        }

        private string NotActedOn(RunRecord run)
        {
            var holder = run.LeaseOwner ?? "(none)";
            var expires = run.LeaseExpiresAt is { } at ? Iso.Format(at) : "?";
            return Stores.GoneHostOwners().Contains(holder)
                ? $"run {run.RunId} is still {EnumText.Name(run.Status)}: its holder, host {holder}, is gone and its lease runs until {expires}; "
                  + "the request stays stored: a host started on this store cancels the run at once, or `cancel` it again after then"
                : $"run {run.RunId} is still {EnumText.Name(run.Status)}: its holder {holder} has not acted on the cancel within {DurationText.Format(WaitBound)}; "
                  + "the request stays stored, and the run is cancelled when its holder (or whoever resumes it) next reads the store";
        }
    }
}

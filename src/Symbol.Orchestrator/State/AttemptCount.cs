namespace Symbol.Orchestrator.State;

/// <summary>
/// A job's attempts as a person reads them, the same in <c>show</c>, <c>trigger</c> and the host's log. Two numbers
/// can differ: the attempts made (<see cref="JobRecord.LastAttempt"/>: every attempt listed, interrupted ones and
/// those before a <c>retry</c> of the run included) and those counted against the job's retries
/// (<see cref="JobRecord.Attempts"/>). An attempt the host died under, then a success, reads <c>2 attempts (1 counted)</c>.
/// </summary>
public static class AttemptCount
{
    public static string Describe(JobRecord job)
    {
        var made = Math.Max(job.LastAttempt, job.Attempts);
        var text = made == 1 ? "1 attempt" : $"{made} attempts";
        return made == job.Attempts ? text : $"{text} ({job.Attempts} counted)";
    }
}

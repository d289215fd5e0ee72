namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// An attempt stopped by its cancellation token, with the lines its script logged until then: a user who cancels a
/// stuck job wants to see how far it got (<c>show</c> lists them under the cancelled attempt).
/// </summary>
public sealed class AttemptCancelledException(IReadOnlyList<string> logs, CancellationToken cancellationToken)
    : OperationCanceledException("The attempt was cancelled.", cancellationToken)
{
    public IReadOnlyList<string> Logs { get; } = logs;
}

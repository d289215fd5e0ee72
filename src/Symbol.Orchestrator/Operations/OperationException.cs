namespace Symbol.Orchestrator.Operations;

/// <summary>Why an operation on workflows or runs (trigger, retry, cancel, pause, backfill) was refused; the API answers 400, 404 or 409.</summary>
public enum OperationFailure
{
    /// <summary>The request is wrong in itself: a bad field, a range that runs backwards.</summary>
    BadRequest,

    /// <summary>No workflow or run has the name given.</summary>
    NotFound,

    /// <summary>The state of the workflow or run stands in the way: cancelling a finished run, retrying an active one, a trigger at the limit.</summary>
    Conflict,
}

/// <summary>
/// An operation refused, with a one-line message for the user that says where and why. It is an
/// <see cref="InvalidOperationException"/>, so the verbs, which print such messages as errors, need nothing new.
/// </summary>
/// <param name="field">The request's field at fault, for a <see cref="OperationFailure.BadRequest"/> (<c>from</c>, <c>job</c>).</param>
public sealed class OperationException(OperationFailure failure, string message, string? field = null) : InvalidOperationException(message)
{
    public OperationFailure Failure { get; } = failure;

    public string? Field { get; } = field;

    public static OperationException NotFound(string message) => new(OperationFailure.NotFound, message);

    public static OperationException Conflict(string message) => new(OperationFailure.Conflict, message);

    public static OperationException BadRequest(string field, string message) => new(OperationFailure.BadRequest, message, field);
}

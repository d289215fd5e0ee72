namespace Symbol.Orchestrator.Language.Planning;

/// <summary>
/// One fire of a preview: the instant, expressed in the workflow's zone (its offset is that zone's at
/// the instant), and a note when a DST change moved it or merged it, such as
/// <c>02:30 does not exist (DST starts); fired at 03:00</c>.
/// </summary>
public sealed record PreviewFire(DateTimeOffset At, string? DstNote);

namespace Symbol.Orchestrator.Language.Planning;

/// <summary>
/// The fires a workflow's schedules will make, computed from the same <see cref="WorkflowDefinition.Schedule"/>
/// the host fires from. Pure: the caller passes the instant to start from.
/// </summary>
public static class SchedulePreview
{
    /// <summary>
    /// Up to <paramref name="count"/> fires strictly after <paramref name="from"/> and, when given, not after
    /// <paramref name="until"/>; each in the workflow's zone, with a note where DST moved or merged it.
    /// </summary>
    public static IReadOnlyList<PreviewFire> Fires(WorkflowDefinition workflow, DateTimeOffset from, DateTimeOffset? until = null, int count = 10)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (workflow.Schedule is not { } schedule || count == 0)
            return [];
        var notes = DstNotes.For(workflow);
        var fires = new List<PreviewFire>(Math.Min(count, 1024));
        for (var next = schedule.NextAfter(from); next is { } at && (until is null || at <= until); next = schedule.NextAfter(at))
        {
            fires.Add(new PreviewFire(TimeZoneInfo.ConvertTime(at, workflow.TimeZone), notes.Explain(at)));
            if (fires.Count == count)
                break;
        }
        return fires;
    }
}

namespace Symbol.Orchestrator.Language.Planning;

/// <summary>What a preview looks at: fires after <see cref="From"/> (the host's start), at most <see cref="Count"/>, none after <see cref="Until"/>.</summary>
/// <param name="From">The present of the preview: the instant the host would start at.</param>
/// <param name="Until">When set, no fire after it.</param>
/// <param name="Count">At most this many fires.</param>
/// <param name="DownSince">When set, the host was down from then until <see cref="From"/>: the preview adds the catch-up runs it would make.</param>
/// <param name="CatchupLimit">The <c>CatchupLimit</c> setting.</param>
public sealed record PreviewOptions(
    DateTimeOffset From,
    DateTimeOffset? Until = null,
    int Count = 10,
    DateTimeOffset? DownSince = null,
    int CatchupLimit = CatchupPlanner.DefaultLimit);

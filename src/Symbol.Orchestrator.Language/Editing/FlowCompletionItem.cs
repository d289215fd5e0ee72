namespace Symbol.Orchestrator.Language.Editing;

/// <summary>What a completion item is, for its icon.</summary>
public enum FlowCompletionKind { Keyword, Setting, Value, Job, TimeZone, File }

/// <summary>
/// One completion: its <see cref="Label"/>, what it inserts in place of <see cref="Replace"/> (the word or string
/// content being typed, or an empty range at the cursor), a one-line <see cref="Detail"/> and markdown documentation.
/// </summary>
public sealed record FlowCompletionItem(string Label, FlowCompletionKind Kind, string? Detail, string? Documentation, string InsertText, FlowRange Replace);

namespace Symbol.Orchestrator.Reports;

/// <summary><c>pause --json</c> and <c>unpause --json</c> (docs/cli.md): the workflow's flag as the verb left it.</summary>
/// <param name="Since">When the workflow was paused (the first pause, if it already was); null when it is not paused.</param>
/// <param name="Changed">False when the workflow already was where the verb was asked to put it.</param>
internal sealed record PauseReport(string Workflow, bool Paused, string? Since, bool Changed);

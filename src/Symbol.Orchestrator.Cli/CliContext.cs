namespace Symbol.Orchestrator.Cli;

/// <summary>What a verb may touch outside its arguments: where to print, and the clock (read once, for "now").</summary>
/// <param name="Live">
/// <see cref="Out"/> is a terminal (stdout not redirected): <c>trigger</c> and <c>retry</c> redraw a live view of their
/// jobs there. False for tests and pipes, which get the plain lines.
/// </param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Time, bool Live = false);

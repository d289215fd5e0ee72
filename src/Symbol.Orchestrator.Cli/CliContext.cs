using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Cli;

/// <summary>What a verb may touch outside its arguments: where to print, the clock (read once, for "now"), the environment.</summary>
/// <param name="Live">
/// <see cref="Out"/> is a terminal (stdout not redirected): <c>trigger</c> and <c>retry</c> redraw a live view of their
/// jobs there. False for tests and pipes, which get the plain lines.
/// </param>
/// <param name="Environment">
/// The variables the settings read (<c>ORCHESTRATOR_*</c>); null for this process's. Tests pass their own, so one
/// test's variables never reach another running beside it.
/// </param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Time, bool Live = false, IReadOnlyDictionary<string, string>? Environment = null)
{
    /// <summary>
    /// One <c>error: …</c> line on <see cref="Error"/>. Messages quote run ids, paths, file names and scripts' errors,
    /// so control characters are escaped here, once for every verb (see <see cref="TerminalText"/>).
    /// </summary>
    public void WriteError(string message) => Error.WriteLine(TerminalText.Escape("error: " + message));
}

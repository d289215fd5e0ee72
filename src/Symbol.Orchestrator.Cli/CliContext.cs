namespace Symbol.Orchestrator.Cli;

/// <summary>What a verb may touch outside its arguments: where to print, and the clock (read once, for "now").</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Time);

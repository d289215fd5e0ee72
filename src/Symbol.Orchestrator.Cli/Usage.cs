using System.CommandLine;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Diagnostics;

namespace Symbol.Orchestrator.Cli;

/// <summary>The short message for a command line that does not parse: what is wrong, the verb's usage line, where help is.</summary>
internal static class Usage
{
    public static void Write(TextWriter error, ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        if (command is RootCommand)
            error.WriteLine(TerminalText.Escape(RootProblem(command, parsed)));
        else
            foreach (var problem in parsed.Errors)
                error.WriteLine(TerminalText.Escape($"error: {problem.Message}"));
        var name = command is RootCommand ? "orchestrator" : $"orchestrator {command.Name}";
        error.WriteLine($"usage: {name} {Synopsis(command)}");
        error.WriteLine($"Run '{name} --help' for more.");
    }

    // At the root System.CommandLine reports a missing verb and then every following token; one line says it better.
    private static string RootProblem(Command root, ParseResult parsed)
    {
        if (parsed.UnmatchedTokens.Count == 0)
            return parsed.Errors.Count == 1 && parsed.Tokens.Count == 0 ? "error: no verb given" : $"error: {parsed.Errors[0].Message}";
        var word = parsed.UnmatchedTokens[0];
        return $"error: unknown verb '{word}'{DidYouMean.Suffix(word, root.Subcommands.Select(c => c.Name))}";
    }

    private static string Synopsis(Command command)
    {
        if (command is RootCommand)
            return $"<{string.Join('|', command.Subcommands.Select(c => c.Name))}> ...";
        var arguments = command.Arguments.Select(a => a.Arity.MaximumNumberOfValues > 1 ? $"{a.Name}..." : a.Name);
        return string.Join(' ', arguments.Append("[options]"));
    }
}

using System.CommandLine;

namespace Symbol.Orchestrator.Cli;

/// <summary>The short message for a command line that does not parse: what is wrong, the verb's usage line, where help is.</summary>
internal static class Usage
{
    public static void Write(TextWriter error, ParseResult parsed)
    {
        foreach (var problem in parsed.Errors)
            error.WriteLine($"error: {problem.Message}");
        var command = parsed.CommandResult.Command;
        var name = command is RootCommand ? "orchestrator" : $"orchestrator {command.Name}";
        error.WriteLine($"usage: {name} {Synopsis(command)}");
        error.WriteLine($"Run '{name} --help' for more.");
    }

    private static string Synopsis(Command command)
    {
        if (command is RootCommand)
            return $"<{string.Join('|', command.Subcommands.Select(c => c.Name))}> ...";
        var arguments = command.Arguments.Select(a => a.Arity.MaximumNumberOfValues > 1 ? $"{a.Name}..." : a.Name);
        return string.Join(' ', arguments.Append("[options]"));
    }
}

using System.CommandLine;

namespace Symbol.Orchestrator.Cli;

/// <summary>The short message for a command line that does not parse: what is wrong, the verb's usage line, where help is.</summary>
internal static class Usage
{
    public static void Write(TextWriter error, ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        if (command is RootCommand)
            error.WriteLine(RootProblem(command, parsed));
        else
            foreach (var problem in parsed.Errors)
                error.WriteLine($"error: {problem.Message}");
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
        var closest = root.Subcommands.MinBy(c => Distance(c.Name, word));
        return closest is not null && Distance(closest.Name, word) <= 2
            ? $"error: unknown verb '{word}' (did you mean '{closest.Name}'?)"
            : $"error: unknown verb '{word}'";
    }

    private static string Synopsis(Command command)
    {
        if (command is RootCommand)
            return $"<{string.Join('|', command.Subcommands.Select(c => c.Name))}> ...";
        var arguments = command.Arguments.Select(a => a.Arity.MaximumNumberOfValues > 1 ? $"{a.Name}..." : a.Name);
        return string.Join(' ', arguments.Append("[options]"));
    }

    // Optimal string alignment distance, so a swap of two letters ("preveiw") counts as one edit.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}

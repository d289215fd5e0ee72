using System.CommandLine;
using Symbol.Orchestrator.Lsp;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary><c>lsp</c>: the language server for editors, on stdin and stdout until the editor sends <c>exit</c> or closes stdin (docs/editors.md).</summary>
internal static class LspVerb
{
    public static Command Create(CliContext context)
    {
        var command = new Command("lsp", "Serve the Language Server Protocol on stdin/stdout for an editor (diagnostics, completion, hover, definition, symbols, formatting); logs go to stderr.");
        // The streams themselves, not context.Out: the protocol's framing counts bytes, and nothing else may write there.
        command.SetAction((_, cancellationToken) =>
            LspServer.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), context.Error, context.Environment, cancellationToken));
        return command;
    }
}

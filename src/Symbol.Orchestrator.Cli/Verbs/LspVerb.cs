using System.CommandLine;
using Symbol.Orchestrator.Lsp;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary><c>lsp</c>: the language server for editors, on stdin and stdout until the editor sends <c>exit</c> or closes stdin (docs/editors.md).</summary>
internal static class LspVerb
{
    public static Command Create(CliContext context)
    {
        // Many LSP clients add --stdio when told the transport is stdio (vscode-languageclient does): the one transport here.
        var stdio = new Option<bool>("--stdio") { Description = "Accepted and ignored: stdin/stdout is the only transport." };
        var command = new Command("lsp", "Serve the Language Server Protocol on stdin/stdout for an editor (diagnostics, completion, hover, definition, symbols, formatting); logs go to stderr.") { stdio };
        // The streams themselves, not context.Out: the protocol's framing counts bytes, and nothing else may write there.
        command.SetAction((_, cancellationToken) =>
            LspServer.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), context.Error, context.Environment, cancellationToken));
        return command;
    }
}

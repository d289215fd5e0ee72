using Symbol.Orchestrator.Lsp.Server;

namespace Symbol.Orchestrator.Lsp.Features;

/// <summary>
/// The requests on a document's content (completion, hover, definition, symbols, formatting), served beside
/// <see cref="LanguageServer"/> as a second RPC target: each method is a <c>[JsonRpcMethod]</c> taking and returning
/// Protocol records, read from <paramref name="workspace"/>.
/// </summary>
#pragma warning disable CS9113 // The features fill this class in; the workspace is what they read.
internal sealed class LanguageFeatures(Workspace workspace)
#pragma warning restore CS9113
{
}

using StreamJsonRpc;
using Symbol.Orchestrator.Language.Editing;
using Symbol.Orchestrator.Language.Formatting;
using Symbol.Orchestrator.Lsp.Protocol;
using Symbol.Orchestrator.Lsp.Server;

namespace Symbol.Orchestrator.Lsp.Features;

/// <summary>
/// The requests on a document's content (completion, hover, definition, symbols, formatting), served beside
/// <see cref="LanguageServer"/> as a second RPC target: each turns the Language project's editing API
/// (<see cref="FlowOutline"/> and the features on it) into Protocol records. A request on a document that is neither
/// open nor on disk, at a place past its end, or one that fails, is answered with null (or nothing) and logged.
/// </summary>
internal sealed class LanguageFeatures(Workspace workspace, ServerLog log)
{
    [JsonRpcMethod("textDocument/completion")]
    public CompletionList? Completion(CompletionParams parameters) => Guard("completion", () =>
    {
        if (Outline(parameters.TextDocument.Uri) is not { } outline || At(outline, parameters.Position) is not { } at)
            return null;
        // A space typed pops the list up only where the word before takes something (catchup → none, latest, all).
        bool space = parameters.Context is { TriggerKind: 2, TriggerCharacter: " " };
        var items = FlowCompletion.At(outline, at, workspace.OptionsFor(outline.Path), ScriptListing.FromDisk, afterTypedSpace: space);
        return new CompletionList(false, items.Select((item, k) => ToProtocol(item, k)).ToList());
    });

    [JsonRpcMethod("textDocument/hover")]
    public Hover? Hover(TextDocumentPositionParams parameters) => Guard("hover", () =>
    {
        if (Outline(parameters.TextDocument.Uri) is not { } outline || At(outline, parameters.Position) is not { } at)
            return null;
        var markdown = FlowHover.At(outline, at, workspace.OptionsFor(outline.Path), workspace.Clock.GetUtcNow(), File.Exists);
        return markdown is null ? null : new Hover(new MarkupContent(MarkupKind.Markdown, markdown));
    });

    [JsonRpcMethod("textDocument/definition")]
    public IReadOnlyList<Location>? Definition(TextDocumentPositionParams parameters) => Guard<IReadOnlyList<Location>>("definition", () =>
    {
        var uri = parameters.TextDocument.Uri;
        if (Outline(uri) is not { } outline || At(outline, parameters.Position) is not { } at)
            return null;
        return FlowDefinition.At(outline, at, File.Exists)
            .Select(l => new Location(l.Path == outline.Path ? uri : DocumentUri.FromPath(l.Path), ToProtocol(l.Range)))
            .ToList();
    });

    [JsonRpcMethod("textDocument/documentSymbol")]
    public IReadOnlyList<DocumentSymbol>? DocumentSymbols(DocumentParams parameters) => Guard<IReadOnlyList<DocumentSymbol>>("documentSymbol", () =>
        Outline(parameters.TextDocument.Uri) is { } outline ? FlowSymbols.Of(outline).Select(ToProtocol).ToList() : null);

    /// <summary>One edit replacing the whole document, or none when it is formatted already or does not parse.</summary>
    [JsonRpcMethod("textDocument/formatting")]
    public IReadOnlyList<TextEdit>? Formatting(DocumentFormattingParams parameters) => Guard<IReadOnlyList<TextEdit>>("formatting", () =>
    {
        if (Text(parameters.TextDocument.Uri) is not { } document)
            return null;
        var formatted = FlowFormatter.Format(document.Text);
        if (formatted == document.Text)
            return [];
        var end = TextPositions.PositionOf(document.Text, document.Text.Length);
        return [new TextEdit(new Protocol.Range(new Position(0, 0), end), formatted)];
    });

    private FlowOutline? Outline(string? uri) => Text(uri) is { } document ? FlowOutline.Parse(document.Path, document.Text) : null;

    // The open document's text (unsaved edits included), else the file on disk.
    private (string Path, string Text)? Text(string? uri)
    {
        if (uri is null)
            return null;
        if (workspace.TryGetDocument(uri, out var open))
            return (open.Path, open.Text);
        if (DocumentUri.ToPath(uri) is { } path && workspace.Disk.Read(path) is { } text)
            return (path, text);
        log.Error($"request on {uri}, which is neither open nor a readable file: answered with null");
        return null;
    }

    private static FlowPosition? At(FlowOutline outline, Position? position)
    {
        if (position is null || position.Line < 0 || position.Character < 0)
            return null;
        var (line, column) = TextPositions.ToSource(position);
        var at = new FlowPosition(line, column);
        return outline.Contains(at) ? at : null;
    }

    private static CompletionItem ToProtocol(FlowCompletionItem item, int index) => new(
        item.Label,
        item.Kind switch
        {
            FlowCompletionKind.Keyword => CompletionItemKind.Keyword,
            FlowCompletionKind.Setting => CompletionItemKind.Property,
            FlowCompletionKind.Value => CompletionItemKind.Value,
            FlowCompletionKind.Job => CompletionItemKind.Function,
            FlowCompletionKind.TimeZone => CompletionItemKind.Constant,
            _ => CompletionItemKind.File,
        },
        item.Detail,
        item.Documentation is null ? null : new MarkupContent(MarkupKind.Markdown, item.Documentation),
        // What is typed is matched against the label: a zone inserted with its quotes is found by typing Eu.
        FilterText: item.Label,
        // In the order the Language project ranks them: continuations of the statement first, then settings, then names.
        SortText: index.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
        TextEdit: new TextEdit(ToProtocol(item.Replace), item.InsertText));

    private static DocumentSymbol ToProtocol(FlowSymbol symbol) => new(
        symbol.Name,
        symbol.Kind switch
        {
            FlowSymbolKind.Workflow => SymbolKind.Module,
            FlowSymbolKind.Job => SymbolKind.Function,
            _ => SymbolKind.Event,
        },
        ToProtocol(symbol.Range),
        ToProtocol(symbol.SelectionRange),
        symbol.Detail,
        symbol.Children.Select(ToProtocol).ToList());

    private static Protocol.Range ToProtocol(FlowRange range) =>
        new(TextPositions.FromSource(range.Start.Line, range.Start.Column), TextPositions.FromSource(range.End.Line, range.End.Column));

    // One bad request is answered with null and logged; the server goes on.
    private T? Guard<T>(string method, Func<T?> handle) where T : class
    {
        try
        {
            return handle();
        }
        catch (Exception e)
        {
            log.Failed(method, e);
            return null;
        }
    }
}

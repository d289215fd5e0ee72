namespace Symbol.Orchestrator.Lsp.Protocol;

internal sealed record CompletionItem(
    string Label,
    int? Kind = null,
    string? Detail = null,
    MarkupContent? Documentation = null,
    string? InsertText = null,
    int? InsertTextFormat = null,
    string? FilterText = null,
    string? SortText = null,
    TextEdit? TextEdit = null);

internal sealed record CompletionList(bool IsIncomplete, IReadOnlyList<CompletionItem> Items);

internal sealed record CompletionOptions(IReadOnlyList<string> TriggerCharacters);

/// <summary>The <c>CompletionItemKind</c> numbers the protocol defines, those this server uses.</summary>
internal static class CompletionItemKind
{
    public const int Text = 1;
    public const int Function = 3;
    public const int Field = 5;
    public const int Variable = 6;
    public const int Module = 9;
    public const int Property = 10;
    public const int Value = 12;
    public const int Keyword = 14;
    public const int Snippet = 15;
    public const int File = 17;
    public const int Reference = 18;
    public const int Folder = 19;
    public const int Constant = 21;
    public const int Event = 23;
}

/// <summary>Whether <see cref="CompletionItem.InsertText"/> is plain text or a snippet with <c>$1</c> placeholders.</summary>
internal static class InsertTextFormat
{
    public const int PlainText = 1;
    public const int Snippet = 2;
}

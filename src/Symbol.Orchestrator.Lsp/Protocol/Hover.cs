namespace Symbol.Orchestrator.Lsp.Protocol;

/// <summary>Text for the user, <see cref="MarkupKind.Markdown"/> or <see cref="MarkupKind.PlainText"/>.</summary>
internal sealed record MarkupContent(string Kind, string Value);

internal static class MarkupKind
{
    public const string PlainText = "plaintext";
    public const string Markdown = "markdown";
}

internal sealed record Hover(MarkupContent Contents, Range? Range = null);

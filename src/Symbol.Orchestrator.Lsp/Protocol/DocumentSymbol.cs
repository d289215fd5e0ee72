namespace Symbol.Orchestrator.Lsp.Protocol;

/// <summary>
/// An entry of the outline: <paramref name="Range"/> covers the whole declaration, <paramref name="SelectionRange"/>
/// its name (what the editor selects and reveals).
/// </summary>
internal sealed record DocumentSymbol(string Name, int Kind, Range Range, Range SelectionRange, string? Detail = null, IReadOnlyList<DocumentSymbol>? Children = null);

/// <summary>The <c>SymbolKind</c> numbers the protocol defines, those this server uses.</summary>
internal static class SymbolKind
{
    public const int File = 1;
    public const int Module = 2;
    public const int Namespace = 3;
    public const int Class = 5;
    public const int Method = 6;
    public const int Property = 7;
    public const int Field = 8;
    public const int Function = 12;
    public const int Variable = 13;
    public const int Constant = 14;
    public const int String = 15;
    public const int Event = 24;
}

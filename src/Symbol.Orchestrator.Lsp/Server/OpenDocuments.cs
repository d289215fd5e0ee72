using System.Collections.Concurrent;
using Symbol.Orchestrator.Lsp.Protocol;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// The documents the editor has open, by URI and by path, with their unsaved text. Changes arrive in order (the server
/// dispatches one message at a time); readers on other threads (the diagnostics worker) see whole documents only.
/// </summary>
internal sealed class OpenDocuments
{
    private readonly ConcurrentDictionary<string, OpenDocument> _byUri = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OpenDocument> _byPath = new(StringComparer.Ordinal);

    public OpenDocument Open(string uri, string text, int version)
    {
        var document = new OpenDocument(uri, DocumentUri.ToPath(uri) ?? uri, text, version);
        _byUri[uri] = document;
        _byPath[document.Path] = document;
        return document;
    }

    /// <summary>The document after <paramref name="changes"/>, applied in order; null when it is not open.</summary>
    public OpenDocument? Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        if (!_byUri.TryGetValue(uri, out var document))
            return null;
        var text = document.Text;
        foreach (var change in changes)
            text = Apply(text, change);
        var changed = document with { Text = text, Version = version };
        _byUri[uri] = changed;
        _byPath[changed.Path] = changed;
        return changed;
    }

    /// <summary>The document closed, or null when it was not open.</summary>
    public OpenDocument? Close(string uri)
    {
        if (!_byUri.TryRemove(uri, out var document))
            return null;
        _byPath.TryRemove(document.Path, out _);
        return document;
    }

    public bool TryGet(string uri, out OpenDocument document) => _byUri.TryGetValue(uri, out document!);

    public OpenDocument? ByPath(string path) => _byPath.GetValueOrDefault(path);

    public ICollection<OpenDocument> All => _byUri.Values;

    /// <summary>One change: the whole text when it has no range, else the range replaced (positions clamped to the text).</summary>
    public static string Apply(string text, TextDocumentContentChangeEvent change)
    {
        if (change.Range is null)
            return change.Text ?? "";
        int start = TextPositions.OffsetOf(text, change.Range.Start);
        int end = TextPositions.OffsetOf(text, change.Range.End);
        if (end < start)
            (start, end) = (end, start);
        return string.Concat(text.AsSpan(0, start), change.Text, text.AsSpan(end));
    }
}

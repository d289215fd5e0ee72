using System.Collections.Concurrent;
using Symbol.Orchestrator.Language.Compilation;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// The text of files on disk that are not open, read again only when their size or time of writing changed: compiling
/// a folder on every keystroke then reads the one file edited, not the thousand beside it.
/// </summary>
internal sealed class DiskTexts
{
    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, string Text)> _texts = new(StringComparer.Ordinal);

    /// <summary>The file's text, or null when it is missing or cannot be read (not a regular file, too large).</summary>
    public string? Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                _texts.TryRemove(path, out _);
                return null;
            }
            if (_texts.TryGetValue(path, out var known) && known.Written == info.LastWriteTimeUtc && known.Length == info.Length)
                return known.Text;
            // As the compiler reads it: a FIFO or a huge file in the folder is skipped, not a hang.
            if (SourceFile.Read(path, out _) is not { } text)
                return null;
            _texts[path] = (info.LastWriteTimeUtc, info.Length, text);
            return text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Forgets <paramref name="path"/>: the client said it changed (a save, a watched-file event).</summary>
    public void Forget(string path) => _texts.TryRemove(path, out _);
}

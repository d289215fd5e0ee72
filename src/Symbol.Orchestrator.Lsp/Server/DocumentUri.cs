namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>Between the client's <c>file://</c> URIs and full paths. A URI that is not a file, or not a URI at all, has no path.</summary>
internal static class DocumentUri
{
    /// <summary>The full path <paramref name="uri"/> names, or null when it names no local file.</summary>
    public static string? ToPath(string? uri)
    {
        if (string.IsNullOrEmpty(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
            return null;
        try
        {
            return Path.GetFullPath(parsed.LocalPath);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>The <c>file://</c> URI of a full path (spaces and non-ASCII characters escaped, as clients send them).</summary>
    public static string FromPath(string path) => new Uri(path).AbsoluteUri;
}

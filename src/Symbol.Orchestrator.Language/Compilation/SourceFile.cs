namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>
/// Reads a .flow file or a script it names from disk: only a regular file (or a link to one), and at most
/// <see cref="MaxBytes"/>, so a FIFO, a device or a huge file in the workflows folder is an error on that file
/// instead of a hang or an out-of-memory crash of <c>validate</c> or the host.
/// </summary>
internal static class SourceFile
{
    /// <summary>The largest file read: well above the 10 MB file the compiler must take, four times the benchmark's.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The file's text; null with a null <paramref name="error"/> when it does not exist, else null and why it cannot be read.</summary>
    public static string? Read(string path, out string? error)
    {
        error = null;
        try
        {
            if (FileKind.NotRegular(path) is { } kind)
            {
                error = $"not a regular file ({kind})";
                return null;
            }
            using var handle = File.OpenHandle(path);
            long length = RandomAccess.GetLength(handle);
            if (length > MaxBytes)
            {
                error = $"larger than {MaxBytes / (1024 * 1024)} MiB, the most a .flow or script file may be";
                return null;
            }
            // At most the length seen: a file that grows while it is read cannot take more.
            var bytes = new byte[length];
            int read = 0;
            for (int n; read < bytes.Length && (n = RandomAccess.Read(handle, bytes.AsSpan(read), read)) > 0; read += n) { }
            using var reader = new StreamReader(new MemoryStream(bytes, 0, read), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read the file: {ex.Message}";
            return null;
        }
    }
}

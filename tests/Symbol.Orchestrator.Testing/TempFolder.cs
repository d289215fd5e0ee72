namespace Symbol.Orchestrator.Testing;

/// <summary>A folder of its own under the temp directory, deleted with everything in it.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("symbol-tests-").FullName;

    /// <summary>The path of <paramref name="name"/> in the folder; nothing is created.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The names of the files directly in the folder, sorted.</summary>
    public string[] Names() => Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Order().ToArray()!;

    /// <summary>The full paths of everything in the folder and below, sorted.</summary>
    public string[] Listing() => Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories).Order().ToArray();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the OS to clean; a test's result does not depend on it.
        }
    }
}

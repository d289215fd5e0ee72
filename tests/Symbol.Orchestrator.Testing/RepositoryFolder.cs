namespace Symbol.Orchestrator.Testing;

/// <summary>The repository's root folder (the one holding Symbol.Orchestrator.sln), found above the test binaries.</summary>
public static class RepositoryFolder
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Symbol.Orchestrator.sln")))
                return folder.FullName;
        throw new InvalidOperationException("no Symbol.Orchestrator.sln above " + AppContext.BaseDirectory);
    }
}

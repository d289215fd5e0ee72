namespace Symbol.Orchestrator.Hosting;

/// <summary>Watches a workflows folder and its subfolders for <c>.flow</c> and <c>.js</c> changes, debounced.</summary>
internal sealed class FolderWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly Debouncer _debouncer;

    public FolderWatcher(string folder, TimeProvider time, TimeSpan quiet, Action changed)
    {
        _debouncer = new Debouncer(time, quiet, changed);
        _watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Created += OnChange;
        _watcher.Changed += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += (_, e) =>
        {
            if (Relevant(e.OldFullPath) || Relevant(e.FullPath))
                _debouncer.Poke();
        };
        // A lost event (buffer overflow) is covered by recompiling the whole folder anyway.
        _watcher.Error += (_, _) => _debouncer.Poke();
        _watcher.EnableRaisingEvents = true;
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (Relevant(e.FullPath))
            _debouncer.Poke();
    }

    // A folder renamed or deleted takes its files with it and has no extension.
    private static bool Relevant(string path)
    {
        var extension = Path.GetExtension(path);
        return extension is ".flow" or ".js" or "";
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _debouncer.Dispose();
    }
}

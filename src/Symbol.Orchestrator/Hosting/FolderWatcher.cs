namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Watches a workflows folder and its subfolders for <c>.flow</c> and <c>.js</c> changes, debounced, and the
/// folders outside it that hold scripts its workflows use (<c>run file "../common/x.js"</c>).
/// </summary>
internal sealed class FolderWatcher : IDisposable
{
    private readonly string _folder;
    private readonly FileSystemWatcher _watcher;
    private readonly Debouncer _debouncer;
    private readonly Dictionary<string, FileSystemWatcher> _outside = new(StringComparer.Ordinal);

    public FolderWatcher(string folder, TimeProvider time, TimeSpan quiet, Action changed)
    {
        _folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        _debouncer = new Debouncer(time, quiet, changed);
        _watcher = Watch(folder, includeSubdirectories: true);
    }

    /// <summary>
    /// Watches the folders of <paramref name="scripts"/> (full paths) that lie outside the workflows folder and
    /// exist, and stops watching those no script needs any more. Called after each compile.
    /// </summary>
    public void WatchScripts(IEnumerable<string> scripts)
    {
        var wanted = scripts.Select(Path.GetDirectoryName).OfType<string>()
            .Where(d => !(d + Path.DirectorySeparatorChar).StartsWith(_folder, StringComparison.Ordinal) && Directory.Exists(d))
            .ToHashSet(StringComparer.Ordinal);
        lock (_outside)
        {
            foreach (var gone in _outside.Keys.Where(d => !wanted.Contains(d)).ToList())
            {
                _outside[gone].Dispose();
                _outside.Remove(gone);
            }
            foreach (var folder in wanted.Where(d => !_outside.ContainsKey(d)))
                _outside[folder] = Watch(folder, includeSubdirectories: false);
        }
    }

    private FileSystemWatcher Watch(string folder, bool includeSubdirectories)
    {
        var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = includeSubdirectories,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Created += OnChange;
        watcher.Changed += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += (_, e) =>
        {
            if (Relevant(e.OldFullPath) || Relevant(e.FullPath))
                _debouncer.Poke();
        };
        // A lost event (buffer overflow) is covered by recompiling the whole folder anyway.
        watcher.Error += (_, _) => _debouncer.Poke();
        watcher.EnableRaisingEvents = true;
        return watcher;
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
        lock (_outside)
            foreach (var watcher in _outside.Values)
                watcher.Dispose();
        _debouncer.Dispose();
    }
}

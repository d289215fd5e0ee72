using System.Collections.Concurrent;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// The documents and what they compile with: the open documents (their unsaved text wins over the disk), the editor's
/// workspace folders, and for each file the <see cref="CompileUnit"/> it belongs to and the options it compiles with,
/// found as <c>orchestrator validate</c> would find them (docs/editors.md, "Which files compile together").
/// </summary>
internal sealed class Workspace(TimeProvider clock, SettingsFiles settings)
{
    private readonly ConcurrentDictionary<string, FlowCompileCache> _caches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lock> _compiling = new(StringComparer.Ordinal);
    private volatile string[] _folders = [];

    /// <summary>"Now" for previews in hovers and for the compiler's "is in the past" warnings: the system clock in the server.</summary>
    public TimeProvider Clock { get; } = clock;

    public OpenDocuments Documents { get; } = new();

    public DiskTexts Disk { get; } = new();

    /// <summary>The editor's workspace folders (full paths), as <c>initialize</c> and later changes name them.</summary>
    public IReadOnlyList<string> Folders
    {
        get => _folders;
        set => _folders = value.Select(f => Path.TrimEndingDirectorySeparator(f)).Distinct(StringComparer.Ordinal).ToArray();
    }

    public bool TryGetDocument(string uri, out OpenDocument document) => Documents.TryGet(uri ?? "", out document);

    /// <summary>The default zone and script roots <c>orchestrator validate</c> would use for the file at <paramref name="path"/>.</summary>
    public CompileOptions OptionsFor(string path) => SettingsFor(path).Options.CompileOptionsAt(Clock.GetUtcNow());

    public ProjectSettings SettingsFor(string path) => Path.IsPathFullyQualified(path) ? settings.For(path) : ProjectSettings.Defaults;

    /// <summary>
    /// The files <paramref name="path"/> compiles with: the workflows folder of the orchestrator.json that applies when
    /// the file is in it; else the deepest workspace folder holding the file; else the file's own folder.
    /// </summary>
    public CompileUnit UnitFor(string path)
    {
        if (!Path.IsPathFullyQualified(path))
            return new CompileUnit(path, ProjectSettings.Defaults, LoneDocument: true);
        var found = SettingsFor(path);
        if (found.WorkflowsFolder is { } workflows && IsInside(path, workflows))
            return new CompileUnit(Path.TrimEndingDirectorySeparator(workflows), found);
        var folder = _folders.Where(f => IsInside(path, f)).MaxBy(f => f.Length) ?? Path.GetDirectoryName(path) ?? path;
        return new CompileUnit(folder, found);
    }

    /// <summary>Compiles <paramref name="unit"/>, recompiling only the files (and scripts) that changed since its last compile.</summary>
    public CompiledUnit Compile(CompileUnit unit)
    {
        var options = unit.Settings.Options.CompileOptionsAt(Clock.GetUtcNow());
        if (unit.LoneDocument)
            return CompileLone(unit, options);
        var documents = Documents.All.Where(d => IsInside(d.Path, unit.Folder)).ToDictionary(d => d.Path, StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in FlowFilesIn(unit.Folder))
            if (!documents.ContainsKey(path) && Disk.Read(path) is { } text)
                texts[path] = text;
        foreach (var (path, document) in documents)
            if (path.EndsWith(".flow", StringComparison.OrdinalIgnoreCase))
                texts[path] = document.Text;
        // validate's order (ordinal by path), so "duplicate workflow" lands on the same, later, file.
        var sources = texts.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value)).ToList();
        var cache = _caches.GetOrAdd(unit.Folder, _ => new FlowCompileCache());
        FlowCompilation compilation;
        lock (_compiling.GetOrAdd(unit.Folder, _ => new Lock()))
            compilation = FlowCompiler.CompileSources(sources, options, unit.Folder, cache);
        return new CompiledUnit(unit, compilation, texts, documents);
    }

    private CompiledUnit CompileLone(CompileUnit unit, CompileOptions options)
    {
        var document = Documents.ByPath(unit.Folder);
        var texts = document is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [document.Path] = document.Text };
        var compilation = FlowCompiler.CompileSources(texts.Select(t => (t.Key, t.Value)).ToList(), options, _ => null);
        var documents = document is null ? new Dictionary<string, OpenDocument>() : new Dictionary<string, OpenDocument> { [document.Path] = document };
        return new CompiledUnit(unit, compilation, texts, documents);
    }

    private static IEnumerable<string> FlowFilesIn(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*.flow", SearchOption.AllDirectories).Select(Path.GetFullPath).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or below it.</summary>
    public static bool IsInside(string path, string folder)
    {
        var prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) || string.Equals(path, Path.TrimEndingDirectorySeparator(folder), StringComparison.Ordinal);
    }
}

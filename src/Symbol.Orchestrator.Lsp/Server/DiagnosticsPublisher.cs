using System.Threading.Channels;
using StreamJsonRpc;
using Symbol.Orchestrator.Language;
using LspDiagnostic = Symbol.Orchestrator.Lsp.Protocol.Diagnostic;
using Symbol.Orchestrator.Lsp.Protocol;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// Compiles what changed and publishes the diagnostics of every file of its unit (a duplicate name in another file
/// shows on that file), only those that differ from what the editor already shows, and empty lists for files that no
/// longer have any. One worker does it: a change while a compile runs makes that compile's result stale, so it is
/// dropped and the newer text compiled at once (no debounce delay, and never an older version published after a newer).
/// </summary>
internal sealed class DiagnosticsPublisher(Workspace workspace, Func<PublishDiagnosticsParams, Task> send, ServerLog log)
{
    private const string Source = "orchestrator";

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _lock = new();
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _knownUnits = new(StringComparer.Ordinal);
    private long _generation;

    // What the editor shows now, per URI, and the unit (folder) that produced it, to clear it when the file goes.
    private readonly Dictionary<string, (string Unit, IReadOnlyList<LspDiagnostic> Diagnostics)> _shown = new(StringComparer.Ordinal);

    /// <summary>The file at <paramref name="path"/> (open or on disk) changed: its unit is compiled again.</summary>
    public void Changed(string path)
    {
        lock (_lock)
        {
            _changed.Add(path);
            _generation++;
        }
        _wake.Writer.TryWrite(true);
    }

    /// <summary>
    /// A file any unit may read changed (a script, an orchestrator.json): every unit compiled so far is compiled again,
    /// each found afresh from one of its files, since new settings may name another workflows folder.
    /// </summary>
    public void ChangedAnywhere(string path)
    {
        lock (_lock)
        {
            _changed.Add(path);
            _changed.UnionWith(_knownUnits.Values);
            _generation++;
        }
        _wake.Writer.TryWrite(true);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; a failure is logged and the next change tried again.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _wake.Reader.WaitToReadAsync(cancellationToken))
            {
                _wake.Reader.TryRead(out _);
                try
                {
                    await PublishChangesAsync();
                }
                catch (Exception e) when (e is not (OperationCanceledException or ConnectionLostException or ObjectDisposedException))
                {
                    log.Failed("publishing diagnostics", e);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ConnectionLostException or ObjectDisposedException)
        {
            // The server is ending: nothing left to publish to.
        }
    }

    private async Task PublishChangesAsync()
    {
        long generation;
        string[] paths;
        lock (_lock)
        {
            generation = _generation;
            paths = [.. _changed];
        }
        if (paths.Length == 0)
            return;
        var units = paths.Select(p => (Path: p, Unit: workspace.UnitFor(p))).DistinctBy(u => u.Unit.Folder).ToList();
        var compiled = units.Select(u => workspace.Compile(u.Unit)).ToList();
        lock (_lock)
        {
            // A newer change came in while compiling: the woken loop compiles again with it.
            if (generation != _generation)
                return;
            _changed.Clear();
            foreach (var (path, unit) in units)
                _knownUnits.TryAdd(unit.Folder, path);
        }
        foreach (var unit in compiled)
            await PublishAsync(unit);
    }

    private async Task PublishAsync(CompiledUnit compiled)
    {
        var fresh = new Dictionary<string, (IReadOnlyList<LspDiagnostic> Diagnostics, int? Version)>(StringComparer.Ordinal);
        foreach (var group in compiled.Compilation.Diagnostics.GroupBy(d => d.Position.Path, StringComparer.Ordinal))
        {
            var text = compiled.Texts.GetValueOrDefault(group.Key) ?? workspace.Disk.Read(group.Key);
            var document = compiled.Documents.GetValueOrDefault(group.Key);
            fresh[UriOf(group.Key, document)] = ([.. group.Select(d => ToLsp(d, text))], document?.Version);
        }
        if (compiled.Unit.Settings.Error is { } error && compiled.Unit.Settings.ConfigFile is { } config)
            fresh[UriOf(config, null)] = ([new LspDiagnostic(new Protocol.Range(new Position(0, 0), new Position(0, 1)), DiagnosticSeverity.Error, Source, error)], null);
        var unit = compiled.Unit.Folder;
        foreach (var (uri, (diagnostics, version)) in fresh)
        {
            if (_shown.TryGetValue(uri, out var shown) && shown.Diagnostics.SequenceEqual(diagnostics))
                continue;
            _shown[uri] = (unit, diagnostics);
            await send(new PublishDiagnosticsParams(uri, diagnostics, version));
        }
        foreach (var (uri, shown) in _shown.Where(s => s.Value.Unit == unit && !fresh.ContainsKey(s.Key)).ToList())
        {
            _shown.Remove(uri);
            if (shown.Diagnostics.Count > 0)
                await send(new PublishDiagnosticsParams(uri, [], workspace.TryGetDocument(uri, out var open) ? open.Version : null));
        }
    }

    private static string UriOf(string path, OpenDocument? document) =>
        document?.Uri ?? (Path.IsPathFullyQualified(path) ? DocumentUri.FromPath(path) : path);

    private static LspDiagnostic ToLsp(Language.Diagnostic diagnostic, string? text) =>
        new(DiagnosticRange.Of(text, diagnostic.Position.Line, diagnostic.Position.Column),
            diagnostic.Severity == Severity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, Source, diagnostic.Message);
}

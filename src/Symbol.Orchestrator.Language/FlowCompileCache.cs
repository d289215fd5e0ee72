using System.Collections.Concurrent;
using Symbol.Orchestrator.Language.Compilation;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Language;

/// <summary>
/// The compiled form of each .flow file from the last <see cref="FlowCompiler.Compile(IEnumerable{string}, CompileOptions, FlowCompileCache?)"/>
/// through it, reused while the file's text, the text of every script it reads, the default time zone and the script roots are
/// the same. A host keeps one for its workflows folder, so a reload compiles only what changed (and hands back
/// the same definition objects for the rest). Entries of files no longer compiled are dropped.
/// Safe for one compile at a time.
/// </summary>
public sealed class FlowCompileCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How many files the cache holds.</summary>
    public int Count => _entries.Count;

    /// <summary>The full paths of the <c>run file</c> and <c>use file</c> scripts the cached files read (or looked for): what a watcher must also watch.</summary>
    public IReadOnlyCollection<string> ScriptPaths =>
        _entries.Values.SelectMany(e => e.Scripts).Select(s => s.Key.FullPath).ToHashSet(StringComparer.Ordinal);

    internal CompiledFile? Find(string path, string text, CompileOptions options, ScriptFiles scripts)
    {
        if (!_entries.TryGetValue(path, out var entry)
            || !string.Equals(entry.Text, text, StringComparison.Ordinal)
            || entry.TimeZoneId != options.DefaultTimeZone.Id
            || !entry.ScriptRoots.SequenceEqual(options.ScriptRoots, StringComparer.Ordinal)
            // A one-off that has since passed would now be warned about: compile again.
            || options.Now >= entry.StaleAt)
            return null;
        foreach (var ((fullPath, isFunctionBody), used) in entry.Scripts)
        {
            var now = scripts.Get(fullPath, isFunctionBody);
            if (now.Code != used.Code || now.ReadError != used.ReadError)
                return null;
        }
        return entry.File;
    }

    internal void Add(string path, string text, CompileOptions options, IReadOnlyDictionary<(string FullPath, bool IsFunctionBody), ScriptFile> scripts, CompiledFile file)
    {
        var staleAt = file.Workflows.SelectMany(w => w.Schedules).Select(s => s.Schedule).OfType<OneOffSchedule>()
            .Select(o => o.Instant).Where(instant => instant > options.Now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        _entries[path] = new Entry(text, options.DefaultTimeZone.Id, options.ScriptRoots, scripts.ToArray(), staleAt, file);
    }

    internal void KeepOnly(IEnumerable<string> paths)
    {
        var keep = paths.ToHashSet(StringComparer.Ordinal);
        foreach (var path in _entries.Keys)
            if (!keep.Contains(path))
                _entries.TryRemove(path, out _);
    }

    private sealed record Entry(string Text, string TimeZoneId, IReadOnlyList<string> ScriptRoots, KeyValuePair<(string FullPath, bool IsFunctionBody), ScriptFile>[] Scripts,
        DateTimeOffset StaleAt, CompiledFile File);
}

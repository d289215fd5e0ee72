using Symbol.Orchestrator.Language.Compilation;
using Symbol.Orchestrator.Language.Diagnostics;

namespace Symbol.Orchestrator.Language;

/// <summary>
/// Compiles .flow files into workflow definitions. Never throws on bad input: every problem becomes a
/// <see cref="Diagnostic"/> on its file, and a file with an error contributes no workflows.
/// </summary>
public static class FlowCompiler
{
    /// <summary>Compiles files and folders (a folder: every <c>*.flow</c> below it, in ordinal order), reading scripts from disk.</summary>
    public static FlowCompilation Compile(IEnumerable<string> paths, CompileOptions options) => Compile(paths, options, cache: null);

    /// <summary>
    /// As <see cref="Compile(IEnumerable{string}, CompileOptions)"/>, reusing from <paramref name="cache"/> every file
    /// whose text, scripts and default time zone are unchanged since the last compile through it: what a host
    /// watching a folder of a thousand files needs when one of them changes.
    /// </summary>
    public static FlowCompilation Compile(IEnumerable<string> paths, CompileOptions options, FlowCompileCache? cache)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var found = paths.SelectMany(Expand).DistinctBy(f => FullPathOrSelf(f.File), StringComparer.Ordinal).ToList();
        var files = found.Select(f => f.File).ToList();
        var texts = new string?[files.Count];
        var failures = new string?[files.Count];
        Parallel.For(0, files.Count, k =>
        {
            texts[k] = SourceFile.Read(files[k], out var error);
            if (texts[k] is null)
                failures[k] = error ?? "no such file or folder";
        });
        var readable = Enumerable.Range(0, files.Count).Where(k => texts[k] is not null).ToList();
        var compiled = Compile(readable.Select(k => (files[k], texts[k]!)).ToList(), options, ReadFileOrNull, cache,
            readable.Select(k => found[k].WorkflowsFolder).ToArray());
        if (readable.Count == files.Count)
            return compiled;
        // Unreadable paths keep their place among the files, each with its one error.
        var merged = new List<FlowFile>(files.Count);
        for (int k = 0, next = 0; k < files.Count; k++)
            merged.Add(texts[k] is not null
                ? compiled.Files[next++]
                : new FlowFile(files[k], [], [new Diagnostic(Severity.Error, new SourcePosition(files[k], 1, 1), failures[k]!)]));
        return compiled with { Files = merged };
    }

    /// <summary>
    /// Compiles in-memory sources. <paramref name="readFile"/> gets the full path of each <c>run file</c>
    /// and <c>use file</c> (resolved against its .flow file's folder) and returns its text, or null if it is missing;
    /// it decides alone what may be read (a run's recorded scripts, say), so <see cref="CompileOptions.ScriptRoots"/> is not consulted.
    /// </summary>
    public static FlowCompilation CompileSources(IReadOnlyList<(string Path, string Text)> sources, CompileOptions options, Func<string, string?> readFile)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readFile);
        return Compile(sources, options, readFile, cache: null, workflowsFolders: null);
    }

    /// <summary>
    /// As <see cref="Compile(IEnumerable{string}, CompileOptions, FlowCompileCache?)"/> of <paramref name="workflowsFolder"/>,
    /// with the texts of its .flow files given (an editor's unsaved ones): scripts are read from disk, from that folder
    /// and <see cref="CompileOptions.ScriptRoots"/> only, and unchanged files come from <paramref name="cache"/>.
    /// </summary>
    public static FlowCompilation CompileSources(IReadOnlyList<(string Path, string Text)> sources, CompileOptions options, string workflowsFolder, FlowCompileCache? cache)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        var folder = FullPathOrSelf(workflowsFolder);
        return Compile(sources, options, ReadFileOrNull, cache, Enumerable.Repeat(folder, sources.Count).ToArray());
    }

    /// <param name="workflowsFolders">For each source read from disk, the workflows folder it was found in; null for in-memory sources.</param>
    private static FlowCompilation Compile(IReadOnlyList<(string Path, string Text)> sources, CompileOptions options, Func<string, string?> readFile,
        FlowCompileCache? cache, string[]? workflowsFolders)
    {
        // Files compile independently (in parallel); names are then claimed across files in order,
        // so "duplicate workflow" lands on the later file, as a reader of the folder would expect.
        var scriptFiles = new ScriptFiles(readFile, workflowsFolders is null ? null : new ScriptFolders(options.ScriptRoots));
        var compiled = new CompiledFile[sources.Count];
        Parallel.For(0, sources.Count, k =>
        {
            var (path, text) = (sources[k].Path, sources[k].Text ?? "");
            compiled[k] = cache?.Find(path, text, options, scriptFiles)
                ?? CompileFile(path, text, options, scriptFiles, workflowsFolders?[k], cache);
        });
        cache?.KeepOnly(sources.Select(s => s.Path));
        var declared = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var files = new List<FlowFile>(sources.Count);
        var workflows = new List<WorkflowDefinition>();
        foreach (var file in compiled)
        {
            List<Diagnostic>? duplicates = null;
            foreach (var workflow in file.Workflows)
                if (!declared.TryAdd(workflow.Name, workflow.Position))
                    (duplicates ??= []).Add(new Diagnostic(Severity.Error, workflow.Position, $"duplicate workflow '{workflow.Name}': already declared at {declared[workflow.Name]}"));
            var diagnostics = duplicates is null ? file.Diagnostics : DiagnosticBag.Order(file.Path, [.. file.Diagnostics, .. duplicates]);
            files.Add(new FlowFile(file.Path, file.Names, Capped(diagnostics)));
            if (!file.HasErrors && duplicates is null)
                workflows.AddRange(file.Workflows);
        }
        return new FlowCompilation(files, workflows);
    }

    private static CompiledFile CompileFile(string path, string text, CompileOptions options, ScriptFiles scriptFiles, string? workflowsFolder, FlowCompileCache? cache)
    {
        var context = new FileContext(path, text, options, scriptFiles, workflowsFolder);
        CompiledFile file;
        try
        {
            var (definitions, names) = FileCompiler.Compile(context);
            file = new CompiledFile(path, context.Diagnostics.Sorted(), context.Diagnostics.HasErrors, definitions, names);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug here must not take a host down on hot reload: the file fails, the others compile.
            context.Diagnostics.Error(new SourcePosition(context.Path, 1, 1), $"internal compiler error: {ex.GetType().Name}: {ex.Message} (please report it)");
            return new CompiledFile(path, context.Diagnostics.Sorted(), true, [], []);
        }
        cache?.Add(path, text, options, context.ScriptsUsed, file);
        return file;
    }

    /// <summary>
    /// The files a path names, each with its workflows folder, where its scripts may be read from: the folder
    /// given, or for a file given alone, its own folder.
    /// </summary>
    private static IEnumerable<(string File, string WorkflowsFolder)> Expand(string path)
    {
        if (!Directory.Exists(path))
            return [(path, Path.GetDirectoryName(FullPathOrSelf(path)) ?? "")];
        var folder = FullPathOrSelf(path);
        try
        {
            return Directory.EnumerateFiles(path, "*.flow", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => (f, folder)).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [(path, folder)];
        }
    }

    private static string FullPathOrSelf(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }

    // Null when missing ("not found"); a file that is there but cannot be read is an error that says why.
    private static string? ReadFileOrNull(string fullPath) =>
        SourceFile.Read(fullPath, out var error) ?? (error is null ? null : throw new IOException(error));

    private static IReadOnlyList<Diagnostic> Capped(IReadOnlyList<Diagnostic> diagnostics)
    {
        if (diagnostics.Count <= FileCompiler.MaxDiagnostics)
            return diagnostics;
        var last = diagnostics[FileCompiler.MaxDiagnostics - 1];
        return [.. diagnostics.Take(FileCompiler.MaxDiagnostics),
            new Diagnostic(Severity.Error, last.Position, $"too many errors: {diagnostics.Count - FileCompiler.MaxDiagnostics} more not shown")];
    }
}

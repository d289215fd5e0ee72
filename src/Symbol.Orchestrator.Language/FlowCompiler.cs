using Symbol.Orchestrator.Language.Compilation;

namespace Symbol.Orchestrator.Language;

/// <summary>
/// Compiles .flow files into workflow definitions. Never throws on bad input: every problem becomes a
/// <see cref="Diagnostic"/> on its file, and a file with an error contributes no workflows.
/// </summary>
public static class FlowCompiler
{
    /// <summary>Compiles files and folders (a folder: every <c>*.flow</c> below it, in ordinal order), reading scripts from disk.</summary>
    public static FlowCompilation Compile(IEnumerable<string> paths, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var files = paths.SelectMany(Expand).DistinctBy(FullPathOrSelf, StringComparer.Ordinal).ToList();
        var texts = new string?[files.Count];
        var failures = new string?[files.Count];
        Parallel.For(0, files.Count, k =>
        {
            try
            {
                texts[k] = File.ReadAllText(files[k]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                failures[k] = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file or folder" : $"cannot read the file: {ex.Message}";
            }
        });
        var readable = Enumerable.Range(0, files.Count).Where(k => texts[k] is not null).ToList();
        var compiled = CompileSources(readable.Select(k => (files[k], texts[k]!)).ToList(), options, ReadFileOrNull);
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
    /// and <c>use file</c> (resolved against its .flow file's folder) and returns its text, or null if it is missing.
    /// </summary>
    public static FlowCompilation CompileSources(IReadOnlyList<(string Path, string Text)> sources, CompileOptions options, Func<string, string?> readFile)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readFile);
        // Files compile independently (in parallel); names are then claimed across files in order,
        // so "duplicate workflow" lands on the later file, as a reader of the folder would expect.
        var scriptFiles = new ScriptFiles(readFile);
        var compiled = new (FileContext Context, IReadOnlyList<WorkflowDefinition> Workflows, IReadOnlyList<string> Names)[sources.Count];
        Parallel.For(0, sources.Count, k =>
        {
            var context = new FileContext(sources[k].Path, sources[k].Text ?? "", options, scriptFiles);
            try
            {
                var (definitions, names) = FileCompiler.Compile(context);
                compiled[k] = (context, definitions, names);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A bug here must not take a host down on hot reload: the file fails, the others compile.
                context.Diagnostics.Error(new SourcePosition(context.Path, 1, 1), $"internal compiler error: {ex.GetType().Name}: {ex.Message} (please report it)");
                compiled[k] = (context, [], []);
            }
        });
        var declared = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var files = new List<FlowFile>(sources.Count);
        var workflows = new List<WorkflowDefinition>();
        foreach (var (context, definitions, names) in compiled)
        {
            foreach (var workflow in definitions)
                if (!declared.TryAdd(workflow.Name, workflow.Position))
                    context.Diagnostics.Error(workflow.Position, $"duplicate workflow '{workflow.Name}': already declared at {declared[workflow.Name]}");
            files.Add(new FlowFile(context.Path, names, Capped(context.Diagnostics.Sorted())));
            if (!context.Diagnostics.HasErrors)
                workflows.AddRange(definitions);
        }
        return new FlowCompilation(files, workflows);
    }

    private static IEnumerable<string> Expand(string path)
    {
        if (!Directory.Exists(path))
            return [path];
        try
        {
            return Directory.EnumerateFiles(path, "*.flow", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [path];
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

    private static string? ReadFileOrNull(string fullPath)
    {
        try
        {
            return File.Exists(fullPath) ? File.ReadAllText(fullPath) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IReadOnlyList<Diagnostic> Capped(IReadOnlyList<Diagnostic> diagnostics)
    {
        if (diagnostics.Count <= FileCompiler.MaxDiagnostics)
            return diagnostics;
        var last = diagnostics[FileCompiler.MaxDiagnostics - 1];
        return [.. diagnostics.Take(FileCompiler.MaxDiagnostics),
            new Diagnostic(Severity.Error, last.Position, $"too many errors: {diagnostics.Count - FileCompiler.MaxDiagnostics} more not shown")];
    }
}

using System.Collections.Concurrent;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Parses and binds one .flow file.</summary>
internal static class FileCompiler
{
    /// <summary>Caps what one file reports: a binary file fed in by mistake should not print a megabyte of errors.</summary>
    public const int MaxDiagnostics = 200;

    /// <summary>Top-level items handed to a binder at once: small enough to keep both cores busy, large enough that queueing costs nothing.</summary>
    private const int BatchSize = 16;

    private const int MaxQueued = 1;

    /// <summary>
    /// The file's workflows (bound even when the file has errors, so every error is found) and their names.
    /// A pipeline: this thread parses, and every <see cref="BatchSize"/> workflows go to the thread pool
    /// to be bound (binding, mostly the JavaScript check, costs about as much as parsing); once the text
    /// is parsed this thread binds whatever is still queued (and, when the binders fall behind, it binds
    /// too, so that few parsed trees are alive at once). Each workflow binds into a bag of its own,
    /// merged in source order, so the result does not depend on scheduling. Nothing waits on a lock
    /// around the parser, and a batch's syntax trees are dropped as soon as they are bound.
    /// </summary>
    public static (IReadOnlyList<WorkflowDefinition> Workflows, IReadOnlyList<string> Names) Compile(FileContext context)
    {
        var batches = new List<Batch>();
        var queue = new ConcurrentQueue<Batch>();
        var workers = new List<Task>();
        var pending = new List<MemberSyntax>(BatchSize);
        foreach (var item in FlowGrammar.ParseItems(context.Text))
        {
            pending.Add(item);
            if (pending.Count == BatchSize)
            {
                var batch = new Batch([.. pending], context);
                pending.Clear();
                batches.Add(batch);
                queue.Enqueue(batch);
                workers.Add(Task.Run(() => Drain(queue)));
                // The parser must not run ahead of the binders: trees that wait in the queue survive
                // collections and get promoted, which costs more than parsing them did. Help instead.
                while (queue.Count > MaxQueued && queue.TryDequeue(out var behind))
                    behind.Bind();
            }
        }
        if (pending.Count > 0)
        {
            var last = new Batch([.. pending], context);
            batches.Add(last);
            queue.Enqueue(last);
        }
        Drain(queue);
        Task.WaitAll(workers);

        var workflows = new List<WorkflowDefinition>();
        var names = new List<string>();
        foreach (var batch in batches)
            foreach (var (syntaxError, workflow, own) in batch.Results)
            {
                if (syntaxError is { } error)
                    context.Diagnostics.SyntaxError(error.Pos, error.Message);
                if (workflow is null || own is null)
                    continue;
                context.Diagnostics.AddRange(own.Diagnostics);
                workflows.Add(workflow);
                names.Add(workflow.Name);
            }
        return (workflows, names);
    }

    private static void Drain(ConcurrentQueue<Batch> queue)
    {
        while (queue.TryDequeue(out var batch))
            batch.Bind();
    }

    /// <summary>Consecutive top-level items, bound by whichever thread dequeues them first.</summary>
    private sealed class Batch(MemberSyntax?[] items, FileContext context)
    {
        public (ErrorSyntax? Error, WorkflowDefinition? Workflow, FileContext? Context)[] Results { get; } = new (ErrorSyntax?, WorkflowDefinition?, FileContext?)[items.Length];

        public void Bind()
        {
            for (int k = 0; k < items.Length; k++)
            {
                if (items[k] is WorkflowSyntax workflow)
                {
                    var own = context.ForWorkflow();
                    Results[k] = (null, WorkflowBinder.Bind(workflow, own), own);
                }
                else
                    Results[k] = (items[k] as ErrorSyntax, null, null);
                items[k] = null; // the tree can go as soon as it is bound
            }
        }
    }
}

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
    /// A pipeline: this thread parses, and every <see cref="BatchSize"/> workflows go to a queue that
    /// thread-pool workers (<see cref="Binders"/>) bind; binding, mostly the JavaScript check, costs about
    /// as much as parsing. Once the text is parsed this thread binds whatever is still queued (and, when
    /// the binders fall behind, it binds too, so that few parsed trees are alive at once). Each workflow
    /// binds into a bag of its own, merged in source order, so the result does not depend on scheduling.
    /// Nothing waits on a lock around the parser, and a batch's syntax trees are dropped once bound.
    /// </summary>
    public static (IReadOnlyList<WorkflowDefinition> Workflows, IReadOnlyList<string> Names) Compile(FileContext context)
    {
        var batches = new List<Batch>();
        var binders = new Binders();
        var pending = new List<MemberSyntax>(BatchSize);
        var pendingEdgesBefore = new List<long>(BatchSize);
        // Counted here, in file order, so which workflow crosses the file's edge limit does not depend on threads.
        long edges = 0;
        foreach (var item in FlowGrammar.ParseItems(context.Text))
        {
            pending.Add(item);
            pendingEdgesBefore.Add(edges);
            if (item is WorkflowSyntax workflow)
                edges += EdgeCount(workflow);
            if (pending.Count == BatchSize)
            {
                var batch = new Batch([.. pending], [.. pendingEdgesBefore], context);
                pending.Clear();
                pendingEdgesBefore.Clear();
                batches.Add(batch);
                binders.Enqueue(batch);
                // The parser must not run ahead of the binders: trees that wait in the queue survive
                // collections and get promoted, which costs more than parsing them did. Help instead.
                binders.HelpWhileMoreThan(MaxQueued);
            }
        }
        if (pending.Count > 0)
        {
            var last = new Batch([.. pending], [.. pendingEdgesBefore], context);
            batches.Add(last);
            binders.Enqueue(last, startWorker: false); // this thread binds it next: a small file starts no worker
        }
        binders.HelpWhileMoreThan(0);
        binders.WaitAll();

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

    private static long EdgeCount(WorkflowSyntax workflow)
    {
        long edges = 0;
        for (int m = 0; m < workflow.Members.Count; m++)
            if (workflow.Members[m] is EdgesSyntax statement)
                edges += EdgeBinder.Pairs(statement);
        return edges;
    }

    /// <summary>
    /// The batches waiting to be bound, and the thread-pool workers binding them: at most one fewer than the
    /// machine has cores, since this thread, parsing, is the other one. More would only take turns on the
    /// same cores (and slow the parser that feeds them); a worker that finds the queue empty ends.
    /// </summary>
    private sealed class Binders
    {
        private static readonly int MaxWorkers = Math.Max(1, Environment.ProcessorCount - 1);
        private readonly ConcurrentQueue<Batch> _queue = new();
        private readonly List<Task> _workers = [];
        private int _running;

        public void Enqueue(Batch batch, bool startWorker = true)
        {
            _queue.Enqueue(batch);
            if (startWorker)
                StartWorkerIfIdle();
        }

        public void HelpWhileMoreThan(int count)
        {
            while (_queue.Count > count && _queue.TryDequeue(out var batch))
                batch.Bind();
        }

        public void WaitAll() => Task.WaitAll(_workers);

        private void StartWorkerIfIdle()
        {
            if (TryTakeWorkerSlot())
                _workers.Add(Task.Run(Work));
        }

        private bool TryTakeWorkerSlot()
        {
            if (Interlocked.Increment(ref _running) <= MaxWorkers)
                return true;
            Interlocked.Decrement(ref _running);
            return false;
        }

        private void Work()
        {
            do
            {
                while (_queue.TryDequeue(out var batch))
                    batch.Bind();
                Interlocked.Decrement(ref _running);
                // A batch queued after the last look, while this worker still counted as running, started no
                // worker of its own: take it up again rather than leave it for the parser's final pass.
            }
            while (!_queue.IsEmpty && TryTakeWorkerSlot());
        }
    }

    /// <summary>Consecutive top-level items, bound by whichever thread dequeues them first.</summary>
    private sealed class Batch(MemberSyntax?[] items, long[] edgesBefore, FileContext context)
    {
        public (ErrorSyntax? Error, WorkflowDefinition? Workflow, FileContext? Context)[] Results { get; } = new (ErrorSyntax?, WorkflowDefinition?, FileContext?)[items.Length];

        public void Bind()
        {
            for (int k = 0; k < items.Length; k++)
            {
                if (items[k] is WorkflowSyntax workflow)
                {
                    var own = context.ForWorkflow(edgesBefore[k]);
                    Results[k] = (null, WorkflowBinder.Bind(workflow, own), own);
                }
                else
                    Results[k] = (items[k] as ErrorSyntax, null, null);
                items[k] = null; // the tree can go as soon as it is bound
            }
        }
    }
}

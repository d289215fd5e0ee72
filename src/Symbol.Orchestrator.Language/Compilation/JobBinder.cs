using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Resolves one job's (or handler's) settings over the workflow's defaults, and its script.</summary>
internal static class JobBinder
{
    /// <summary>The job, or null when it has no usable script (the error is already reported).</summary>
    public static JobDefinition? Bind(JobSyntax job, RetryPolicy defaultRetry, TimeSpan? defaultTimeout, IReadOnlyList<string> upstream, FileContext context) =>
        Bind("job", job.Name.Text, job.Name.Pos, job.Members, defaultRetry, defaultTimeout, upstream, context);

    /// <summary>
    /// A handler as a job named <paramref name="name"/> (<c>on failure</c>) at its <c>on</c>, with no upstream; null when it
    /// has no usable script.
    /// </summary>
    public static JobDefinition? BindHandler(HandlerSyntax handler, string name, RetryPolicy defaultRetry, TimeSpan? defaultTimeout, FileContext context) =>
        Bind("handler", name, handler.Pos, handler.Members, defaultRetry, defaultTimeout, [], context);

    private static JobDefinition? Bind(string what, string name, TextPos at, IReadOnlyList<MemberSyntax> members, RetryPolicy defaultRetry,
        TimeSpan? defaultTimeout, IReadOnlyList<string> upstream, FileContext context)
    {
        var diagnostics = context.Diagnostics;
        var seen = new SettingsSeen(diagnostics);
        var retry = defaultRetry;
        var timeout = defaultTimeout;
        ScriptSource? script = null;
        bool hasRun = false, hasSyntaxError = false;
        // An index loop: a foreach over an IReadOnlyList boxes its enumerator, once for every job of a folder.
        for (int m = 0; m < members.Count; m++)
        {
            var member = members[m];
            switch (member)
            {
                case RetriesSyntax retries when seen.First("retries", retries.Pos):
                    retry = SettingBinder.Retry(retries);
                    break;
                case TimeoutSyntax t when seen.First("timeout", t.Pos):
                    timeout = SettingBinder.Timeout(t, diagnostics);
                    break;
                case RunSyntax run when seen.First("run", run.Pos):
                    hasRun = true;
                    script = run.Block is { } block
                        ? CheckBlock(block, context)
                        : context.ReadScript(run.File!, "run file", isFunctionBody: true);
                    break;
                case ErrorSyntax error:
                    hasSyntaxError = true;
                    diagnostics.SyntaxError(error.Pos, error.Message);
                    break;
            }
        }
        // A statement that failed to parse may well have been the 'run'; saying it is missing would be noise.
        if (!hasRun && !hasSyntaxError)
            diagnostics.Error(at, $"{what} '{name}' has no 'run': add run ``` … ``` or run file \"….js\"");
        return script is null ? null : new JobDefinition(name, at.In(context.Path), retry, timeout, script, upstream);
    }

    private static ScriptSource CheckBlock(ScriptBlockToken block, FileContext context)
    {
        var script = new ScriptSource(block.Source, block.Start, block.Length, context.Path, block.CodePos.Line, block.CodePos.Column);
        // Acornima needs a string of its own (parsing a range of the file would count lines from the file's
        // start, for every script); this copy dies young, the script keeps only the range.
        if (ScriptChecker.FirstError(block.Code, isFunctionBody: true) is { } error)
            context.Diagnostics.Error(ScriptChecker.MapPosition(script, error.Line, error.Column), error.Message);
        return script;
    }
}

using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Binds a workflow's <c>on failure|success|exit { … }</c> handlers: jobs with the workflow's defaults, one of each kind.</summary>
internal static class HandlerBinder
{
    public static HandlerDefinition[] Bind(List<HandlerSyntax> handlers, RetryPolicy defaultRetry, TimeSpan? defaultTimeout, string workflow, FileContext context)
    {
        if (handlers.Count == 0)
            return [];
        var diagnostics = context.Diagnostics;
        var bound = new List<HandlerDefinition>(handlers.Count);
        var declared = new Dictionary<HandlerKind, TextPos>();
        foreach (var handler in handlers)
        {
            var name = "on " + handler.Kind.Text;
            var kind = Kind(handler.Kind, diagnostics);
            if (kind is { } known && !declared.TryAdd(known, handler.Pos))
            {
                diagnostics.Error(handler.Pos, $"duplicate handler '{name}' in workflow '{workflow}': already declared at {declared[known]}");
                kind = null;
            }
            // The body is checked even when the handler is not kept: its mistakes are reported in one go with the kind's.
            var job = JobBinder.BindHandler(handler, name, defaultRetry, defaultTimeout, context);
            if (kind is { } when && job is not null)
                bound.Add(new HandlerDefinition(when, job));
        }
        // In the order they run: the outcome's handler, then on exit.
        return bound.OrderBy(h => h.When).ToArray();
    }

    private static HandlerKind? Kind(NameToken word, DiagnosticBag diagnostics)
    {
        if (EnumText.TryParse<HandlerKind>(word.Text, out var kind))
            return kind;
        var shown = word.Text.Length <= 64 ? word.Text : word.Text[..64] + "…";
        diagnostics.Error(word.Pos, $"unknown handler 'on {shown}': expected 'failure', 'success' or 'exit'{DidYouMean.Suffix(shown, HandlerDefinition.KindWords)}");
        return null;
    }
}

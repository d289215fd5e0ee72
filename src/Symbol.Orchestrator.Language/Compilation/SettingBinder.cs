using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>The value checks shared by workflow and job settings.</summary>
internal static class SettingBinder
{
    public static RetryPolicy Retry(RetriesSyntax retries) =>
        new(retries.Count.Value, retries.Backoff?.Value ?? TimeSpan.Zero, retries.Exponential);

    public static TimeSpan? Timeout(TimeoutSyntax timeout, DiagnosticBag diagnostics)
    {
        if (timeout.Duration.Value > TimeSpan.Zero)
            return timeout.Duration.Value;
        diagnostics.Error(timeout.Duration.Pos, $"'timeout' needs a positive duration, found {timeout.Duration.Raw}");
        return null;
    }
}

using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli;

/// <summary>Opens the state store for a verb; a corrupt or newer store is reported on stderr (exit 1), never overwritten.</summary>
internal static class StateAccess
{
    public static async Task<SqliteStateStore?> OpenAsync(OrchestratorOptions settings, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await SqliteStateStore.OpenAsync(settings.StatePath, context.Time, cancellationToken);
        }
        catch (StateStoreException e)
        {
            context.Error.WriteLine(TerminalText.Escape($"error: {e.Message}"));
            return null;
        }
    }
}

using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli;

/// <summary>Opens the state store for a verb; a corrupt or newer store is reported on stderr (exit 1), never overwritten.</summary>
internal static class StateAccess
{
    /// <summary>
    /// For the verbs that only read (<c>runs</c>, <c>show</c>): a store that does not exist is said to be missing, and
    /// nothing is created for it (opening would create the file and its folder).
    /// </summary>
    public static Task<IStateStore?> OpenExistingAsync(IStateStoreFactory stores, CliContext context, CancellationToken cancellationToken)
    {
        if (stores.Exists)
            return OpenAsync(stores, context, cancellationToken);
        context.WriteError($"no state store at {stores.Location}: nothing has run yet");
        return Task.FromResult<IStateStore?>(null);
    }

    public static async Task<IStateStore?> OpenAsync(IStateStoreFactory stores, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await stores.OpenAsync(cancellationToken);
        }
        catch (StateStoreException e)
        {
            context.WriteError(e.Message);
            return null;
        }
    }
}

namespace Symbol.Orchestrator.State;

/// <summary>A store that cannot be used as it is: corrupt, from a newer schema, or unreachable. Nothing has been overwritten.</summary>
public sealed class StateStoreException(string message, Exception? inner = null) : Exception(message, inner);

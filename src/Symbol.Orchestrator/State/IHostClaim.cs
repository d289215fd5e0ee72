namespace Symbol.Orchestrator.State;

/// <summary>A host's hold on its store, from <see cref="IStateStoreFactory.OpenForHostAsync"/> until it is disposed.</summary>
public interface IHostClaim : IDisposable
{
    /// <summary>The owners of the hosts before this one that are gone: their runs are this host's to resume at once.</summary>
    IReadOnlyList<string> GoneOwners { get; }

    /// <summary>Called once the gone owners' runs are this host's, so the next host does not look for them.</summary>
    void Resumed();

    /// <summary>
    /// The hosts alive on a store that several share, this one included, as last seen (every <c>Lease/3</c>), so they can share
    /// out the fires (<c>FireShare</c>); empty when the store serves one host.
    /// </summary>
    IReadOnlyList<string> LiveOwners => [];
}

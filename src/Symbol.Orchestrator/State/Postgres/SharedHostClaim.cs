namespace Symbol.Orchestrator.State.Postgres;

/// <summary>
/// A host's claim on a store that several hosts share: it holds nothing and knows of no gone host, since none is known to
/// be gone; the runs of a host that died are taken once their leases expire.
/// </summary>
internal sealed class SharedHostClaim : IHostClaim
{
    public static readonly SharedHostClaim Instance = new();

    public IReadOnlyList<string> GoneOwners => [];

    public void Resumed()
    {
    }

    public void Dispose()
    {
    }
}

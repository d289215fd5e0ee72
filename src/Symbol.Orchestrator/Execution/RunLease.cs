using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Execution;

/// <summary>
/// The lease one run is worked on under: the token every write about it carries (<see cref="RunRecord.LeaseToken"/>), and
/// whether a write found it lost (<see cref="LeaseLostException"/>). Once it is lost, the run's other attempts are stopped
/// and make no write: the store would refuse each one, and the run's new holder owns its history.
/// </summary>
internal sealed class RunLease(long token)
{
    private volatile bool _lost;

    public long Token { get; } = token;

    public bool IsLost => _lost;

    public void Lose() => _lost = true;
}

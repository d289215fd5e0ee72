using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Execution;

/// <summary>One job of a run as the executor's loop sees it: its definition, its latest record, and the graph around it.</summary>
internal sealed class JobState(JobDefinition definition, JobRecord record)
{
    public JobDefinition Definition { get; } = definition;

    public JobRecord Record { get; set; } = record;

    public string Name => Definition.Name;

    public JobStatus Status => Record.Status;

    public List<JobState> Upstream { get; } = [];

    public List<JobState> Downstream { get; } = [];

    /// <summary>Upstream jobs that have not succeeded yet; the job is ready at 0.</summary>
    public int Waiting { get; set; }
}

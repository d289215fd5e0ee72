namespace Symbol.Orchestrator.State;

/// <summary>What <see cref="IStateStore.TryCreateRunAsync"/> did with a run.</summary>
public enum RunCreation
{
    /// <summary>The run and its jobs were written.</summary>
    Created,

    /// <summary>A run with that id exists already (another host, or an earlier start, acted on the fire): nothing was written but the watermark.</summary>
    Exists,

    /// <summary>Its workflow had as many active runs as it may (<c>maxActive</c>): nothing was written, not even the watermark.</summary>
    AtLimit,
}

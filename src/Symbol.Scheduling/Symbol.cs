namespace Symbol.Scheduling;

/// <summary>
/// A name used as a value, as in the seed design; as a schedule, its name is an ISO 8601 instant
/// (<c>new Symbol("2026-11-28T02:00:00Z")</c>). Outside the <c>Symbol.*</c> namespaces, import it
/// with an alias, <c>using Symbol = Symbol.Scheduling.Symbol;</c>, since the bare name means the namespace.
/// </summary>
public sealed record Symbol(string Name)
{
    public override string ToString() => Name;
}

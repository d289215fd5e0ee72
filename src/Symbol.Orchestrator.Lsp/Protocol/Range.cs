namespace Symbol.Orchestrator.Lsp.Protocol;

/// <summary>From <paramref name="Start"/> up to, not including, <paramref name="End"/>.</summary>
internal sealed record Range(Position Start, Position End);

namespace Symbol.Orchestrator.Testing;

/// <summary>A <see cref="FactAttribute"/> that needs PostgreSQL: skipped with <see cref="PrivatePostgres.SkipReason"/> when there is none.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PrivatePostgres.SkipReason;
}

/// <summary>A <see cref="TheoryAttribute"/> that needs PostgreSQL: skipped with <see cref="PrivatePostgres.SkipReason"/> when there is none.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = PrivatePostgres.SkipReason;
}

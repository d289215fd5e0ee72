namespace Symbol.Orchestrator.Cli;

/// <summary>As docs/cli.md lists them: 0 success, 1 a validation error or a failed run, 2 a usage error.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}

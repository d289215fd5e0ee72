using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Tracks which single-valued settings a block has set, reporting the second of a pair.</summary>
internal sealed class SettingsSeen(DiagnosticBag diagnostics)
{
    // A block has a handful of settings: a list searched in order beats a dictionary per job.
    private readonly List<(string Setting, TextPos At)> _first = [];

    /// <summary>True the first time <paramref name="setting"/> appears; after that reports a duplicate and returns false.</summary>
    public bool First(string setting, TextPos at)
    {
        foreach (var (seen, first) in _first)
        {
            if (seen == setting)
            {
                diagnostics.Error(at, $"duplicate '{setting}': already set at {first}");
                return false;
            }
        }
        _first.Add((setting, at));
        return true;
    }
}

using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Tracks which single-valued settings a block has set, reporting the second of a pair.</summary>
internal sealed class SettingsSeen(DiagnosticBag diagnostics)
{
    private readonly Dictionary<string, TextPos> _first = new(StringComparer.Ordinal);

    /// <summary>True the first time <paramref name="setting"/> appears; after that reports a duplicate and returns false.</summary>
    public bool First(string setting, TextPos at)
    {
        if (_first.TryAdd(setting, at))
            return true;
        diagnostics.Error(at, $"duplicate '{setting}': already set at {_first[setting]}");
        return false;
    }
}

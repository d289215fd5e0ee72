using System.Runtime.CompilerServices;
using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>
/// Tracks which single-valued settings a block has set, reporting the second of a pair. A struct with
/// room for every setting of a block (a workflow has seven, a job three): one per job, so no allocation.
/// </summary>
internal struct SettingsSeen(DiagnosticBag diagnostics)
{
    private Slots _first;
    private int _count;

    /// <summary>True the first time <paramref name="setting"/> appears; after that reports a duplicate and returns false.</summary>
    public bool First(string setting, TextPos at)
    {
        for (int k = 0; k < _count; k++)
        {
            if (_first[k].Setting == setting)
            {
                diagnostics.Error(at, $"duplicate '{setting}': already set at {_first[k].At}");
                return false;
            }
        }
        if (_count == Slots.Length)
            throw new InvalidOperationException($"more than {Slots.Length} kinds of setting in one block");
        _first[_count++] = (setting, at);
        return true;
    }

    [InlineArray(Length)]
    private struct Slots
    {
        public const int Length = 8;
        private (string Setting, TextPos At) _slot;
    }
}

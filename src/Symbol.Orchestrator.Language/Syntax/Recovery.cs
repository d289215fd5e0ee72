using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// Error recovery, so one file reports all its mistakes: a statement that fails to parse becomes an
/// <see cref="ErrorSyntax"/> and parsing resumes at the next place a statement can start.
/// </summary>
internal static class Recovery
{
    /// <summary>
    /// Runs <paramref name="statement"/>; on failure records the error and skips to the next
    /// synchronising token. Fails, consuming nothing, where <paramref name="isBlockEnd"/> holds, so that
    /// <c>Many()</c> stops there and the enclosing rule sees its closing token.
    /// </summary>
    public static Parser<MemberSyntax> Recover(this Parser<MemberSyntax> statement, Func<string, int, bool> isBlockEnd, string expected, SyncLevel level)
    {
        var expectations = new[] { expected };
        return input =>
        {
            if (input.AtEnd || isBlockEnd(input.Source, input.Position))
                return Result.Failure<MemberSyntax>(input, "", expectations);
            var result = statement(input);
            if (result.WasSuccessful)
                return result;
            var stop = result.Remainder;
            bool consumed = !stop.Equals(input);
            // Nothing matched at all: say what a statement here may be, not the union of every keyword tried.
            var message = consumed ? Message(result, expected) : $"expected {expected}, found {Scanner.Describe(input.Source, input.Position)}";
            var error = new ErrorSyntax(TextPos.Of(stop), message);
            return Result.Success<MemberSyntax>(error, SkipToSync(Malformed.Unwrap(stop), mustAdvance: stop.Position == input.Position, level));
        };
    }

    /// <summary>
    /// The closing brace of a block, or where it should have been. A missing brace does not fail the
    /// block: it is kept (so its jobs still bind and do not cascade into "unknown job" errors) and the
    /// rule adds the error from <see cref="BlockClose.Append"/>.
    /// </summary>
    public static readonly Parser<BlockClose> Close =
        Parse.Char('}').Lexeme().Return(BlockClose.Found)
        .XOr(Tokens.Here.Select(at => new BlockClose(false, TextPos.Of(at), Scanner.Describe(at.Source, at.Position))));

    /// <summary>The one-line message for a failed parse: its own message when it has one, else what was expected and what was found.</summary>
    public static string Message<T>(IResult<T> failure, string fallbackExpected)
    {
        var expectations = failure.Expectations.Where(e => e.Length > 0).Distinct().ToList();
        var found = Scanner.Describe(failure.Remainder.Source, failure.Remainder.Position);
        if (expectations.Count == 0)
            return !string.IsNullOrEmpty(failure.Message) ? failure.Message : $"expected {fallbackExpected}, found {found}";
        return $"expected {JoinOr(expectations)}, found {found}";
    }

    private static string JoinOr(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];

    /// <summary>
    /// Skips tokens until a statement can start: a <c>}</c> or <c>job</c>/<c>workflow</c> at brace depth 0,
    /// or any word that begins its line. Strings, script blocks and comments are skipped whole.
    /// </summary>
    public static IInput SkipToSync(IInput from, bool mustAdvance, SyncLevel level)
    {
        string s = from.Source;
        int pos = from.Position, depth = 0;
        bool advanced = false;
        while (pos < s.Length)
        {
            if ((advanced || !mustAdvance) && depth == 0 && IsSync(s, pos, level))
                break;
            char c = s[pos];
            if (c == '{')
                depth++;
            else if (c == '}' && depth > 0)
                depth--;
            pos = Scanner.SkipTrivia(s, Math.Max(Scanner.TokenEnd(s, pos), pos + 1));
            advanced = true;
        }
        return RawText.AdvanceTo(from, pos);
    }

    private static bool IsSync(string s, int pos, SyncLevel level)
    {
        if (Scanner.IsNameAt(s, pos, "workflow") && !Scanner.StartsEdges(s, pos))
            return true;
        if (level == SyncLevel.TopLevel)
            return false;
        if (s[pos] == '}' || (Scanner.IsNameAt(s, pos, "job") && !Scanner.StartsEdges(s, pos)))
            return true;
        // Statements are written one a line, so a word that begins a line most likely begins the next
        // one, misspelt or not ("timezon" after a bad "retires 2" still gets its own error).
        return Scanner.NameEnd(s, pos) > pos && Scanner.IsFirstOnLine(s, pos);
    }
}

/// <summary>A block's closing brace: found, or what stands where it should be.</summary>
internal readonly record struct BlockClose(bool IsFound, TextPos At, string Instead)
{
    public static readonly BlockClose Found = new(true, default, "");

    /// <summary>The members of a block, with an error at the end when its brace is missing.</summary>
    public IReadOnlyList<MemberSyntax> Append(IEnumerable<MemberSyntax> members, string kind, NameToken name, TextPos open) =>
        IsFound ? members as IReadOnlyList<MemberSyntax> ?? members.ToList() : [.. members, new ErrorSyntax(At, $"expected '}}' to close {kind} '{name.Text}' opened at {open}, found {Instead}")];
}

/// <summary>Where recovery may resume: between workflows only, or at any statement inside one.</summary>
internal enum SyncLevel { TopLevel, Statement }

using Sprache;
using Symbol.Orchestrator.Language.Diagnostics;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>The last alternative of a block: a word that starts no known statement there.</summary>
internal static class Statements
{
    /// <summary>
    /// Consumes an unknown word and the rest of its statement, yielding an error that says what the
    /// word is (a setting of the other kind of block) or what it may be a typo of.
    /// </summary>
    public static Parser<MemberSyntax> Unknown(string[] known, Func<string, string?> misplaced) =>
        from at in Tokens.Here
        from word in Tokens.Word.Named("a setting")
        from trivia in Tokens.Trivia
        from skipped in SkipRest
        select (MemberSyntax)new ErrorSyntax(TextPos.Of(at),
            misplaced(word) ?? $"unknown setting {Scanner.Describe(at.Source, at.Position)}{DidYouMean.Suffix(Shorten(word), known)}");

    // The rest of the unknown statement, up to where the next one can start.
    private static readonly Parser<IInput> SkipRest = input =>
    {
        var next = Recovery.SkipToSync(input, mustAdvance: false, SyncLevel.Statement);
        return Result.Success(next, next);
    };

    private static string Shorten(string word) => word.Length <= 64 ? word : word[..64];

    public static string? MisplacedInWorkflow(string word) => word switch
    {
        "run" => "'run' belongs inside a job: job NAME { run ``` … ``` }",
        _ => null,
    };

    public static string? MisplacedInJob(string word) =>
        Keywords.WorkflowSettings.Contains(word) ? $"'{word}' is a workflow setting and cannot be set on a job" : null;

    public static string? MisplacedInHandler(string word) =>
        Keywords.WorkflowSettings.Contains(word) ? $"'{word}' is a workflow setting and cannot be set on a handler" : null;
}

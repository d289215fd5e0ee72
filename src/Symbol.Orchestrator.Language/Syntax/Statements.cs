using Sprache;
using Symbol.Orchestrator.Language.Diagnostics;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>The last alternative of a block: a word that starts no known statement there.</summary>
internal static class Statements
{
    private static readonly string[] SettingExpected = ["a setting"];

    /// <summary>
    /// Consumes an unknown word and the rest of its statement, yielding an error that says what the
    /// word is (a setting of the other kind of block) or what it may be a typo of.
    /// </summary>
    public static Parser<MemberSyntax> Unknown(string[] known, Func<string, string?> misplaced) =>
        Rules.Rule((ref Cursor at, out MemberSyntax value, out Failure failure) =>
        {
            int end = Scanner.NameEnd(at.Source, at.Position);
            if (end == at.Position)
            {
                (value, failure) = (null!, Failure.Expected(at, SettingExpected));
                return false;
            }
            var word = at.Source[at.Position..Math.Min(end, at.Position + 64)];
            var message = misplaced(word) ?? $"unknown setting {Scanner.Describe(at.Source, at.Position)}{DidYouMean.Suffix(word, known)}";
            value = new ErrorSyntax(at.Pos, message);
            var afterWord = at.MoveTo(Scanner.SkipTrivia(at.Source, end));
            (at, failure) = (Recovery.SkipToSync(afterWord, mustAdvance: false, SyncLevel.Statement), default);
            return true;
        });

    public static string? MisplacedInWorkflow(string word) => word switch
    {
        "run" => "'run' belongs inside a job: job NAME { run ``` … ``` }",
        _ => null,
    };

    public static string? MisplacedInJob(string word) =>
        Keywords.WorkflowSettings.Contains(word) ? $"'{word}' is a workflow setting and cannot be set on a job" : null;
}

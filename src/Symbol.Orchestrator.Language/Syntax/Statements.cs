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
        i =>
        {
            int end = Scanner.NameEnd(i.Source, i.Position);
            if (end == i.Position)
                return Result.Failure<MemberSyntax>(i, "", SettingExpected);
            var word = i.Source[i.Position..Math.Min(end, i.Position + 64)];
            var message = misplaced(word) ?? $"unknown setting {Scanner.Describe(i.Source, i.Position)}{DidYouMean.Suffix(word, known)}";
            var error = new ErrorSyntax(new TextPos(i.Line, i.Column), message);
            var afterWord = SourceInput.AdvanceTo(i, Scanner.SkipTrivia(i.Source, end));
            return Result.Success<MemberSyntax>(error, Recovery.SkipToSync(afterWord, mustAdvance: false, SyncLevel.Statement));
        };

    public static string? MisplacedInWorkflow(string word) => word switch
    {
        "run" => "'run' belongs inside a job: job NAME { run ``` … ``` }",
        _ => null,
    };

    public static string? MisplacedInJob(string word) =>
        Keywords.WorkflowSettings.Contains(word) ? $"'{word}' is a workflow setting and cannot be set on a job" : null;
}

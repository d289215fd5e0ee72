using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Editing;

/// <summary>Whether a parsed file holds a statement the parser recovered from, at any depth.</summary>
internal static class SyntaxErrors
{
    public static bool Any(FileSyntax file) => file.Items.Any(Any);

    private static bool Any(MemberSyntax member) => member switch
    {
        ErrorSyntax => true,
        WorkflowSyntax workflow => workflow.Members.Any(Any),
        JobSyntax job => job.Members.Any(Any),
        HandlerSyntax handler => handler.Members.Any(Any),
        _ => false,
    };
}

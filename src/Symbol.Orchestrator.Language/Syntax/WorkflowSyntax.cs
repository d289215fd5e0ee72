namespace Symbol.Orchestrator.Language.Syntax;

/// <summary><c>workflow NAME { … }</c> as parsed: its statements in source order, errors included.</summary>
internal sealed record WorkflowSyntax(TextPos Pos, NameToken Name, IReadOnlyList<MemberSyntax> Members) : MemberSyntax(Pos);

/// <summary>A whole .flow file: its workflows, and the syntax errors between them (as <see cref="ErrorSyntax"/>).</summary>
internal sealed record FileSyntax(IReadOnlyList<MemberSyntax> Items)
{
    public IEnumerable<WorkflowSyntax> Workflows => Items.OfType<WorkflowSyntax>();
}

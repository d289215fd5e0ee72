using Symbol.Orchestrator.Lsp.Protocol;
using Symbol.Orchestrator.Lsp.Server;
using Range = Symbol.Orchestrator.Lsp.Protocol.Range;

namespace Symbol.Orchestrator.Lsp.Tests;

/// <summary>Edits applied as an editor sends them: whole texts, ranges, several in one message, in order.</summary>
public sealed class OpenDocumentsTests
{
    private static TextDocumentContentChangeEvent Edit(int line, int character, int endLine, int endCharacter, string text) =>
        new(text, new Range(new Position(line, character), new Position(endLine, endCharacter)));

    [Fact]
    public void AChangeWithoutARange_ReplacesTheWholeText() =>
        Assert.Equal("new", OpenDocuments.Apply("old\ntext", new TextDocumentContentChangeEvent("new")));

    [Theory]
    [InlineData("one -> tow", 0, 7, 0, 10, "two", "one -> two")]
    [InlineData("a\r\nb", 1, 0, 1, 1, "c", "a\r\nc")]
    [InlineData("a\nb", 0, 1, 1, 0, "", "ab")]          // joining two lines
    [InlineData("ab", 0, 2, 0, 0, "X", "X")]            // a backwards range is the same range forwards
    [InlineData("ab", 5, 0, 9, 9, "!", "ab!")]          // past the end: appended
    public void ARangeChange_ReplacesThatRange(string text, int line, int character, int endLine, int endCharacter, string insert, string expected) =>
        Assert.Equal(expected, OpenDocuments.Apply(text, Edit(line, character, endLine, endCharacter, insert)));

    [Fact]
    public void ChangesInOneMessage_ApplyInOrder_EachToTheTextBefore()
    {
        var documents = new OpenDocuments();
        documents.Open("file:///w/a.flow", "job a\n", 1);

        var changed = documents.Change("file:///w/a.flow", 3, [Edit(0, 4, 0, 5, "b"), Edit(1, 0, 1, 0, "job c\n"), Edit(0, 0, 0, 0, "# x\n")]);

        Assert.Equal("# x\njob b\njob c\n", changed!.Text);
        Assert.Equal(3, changed.Version);
        Assert.Equal(changed, documents.ByPath(Path.GetFullPath("/w/a.flow")));
    }

    [Fact]
    public void ADocumentNotOpen_IsNotChanged_NorClosed()
    {
        var documents = new OpenDocuments();

        Assert.Null(documents.Change("file:///w/never.flow", 2, [new TextDocumentContentChangeEvent("x")]));
        Assert.Null(documents.Close("file:///w/never.flow"));
        Assert.False(documents.TryGet("file:///w/never.flow", out _));
    }
}

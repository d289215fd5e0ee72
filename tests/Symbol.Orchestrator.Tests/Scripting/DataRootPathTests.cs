using Symbol.Orchestrator.Scripting;

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>Which relative paths map into the data folder, and where.</summary>
public sealed class DataRootPathTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "data-root-path-tests", "data");

    [Theory]
    [InlineData("", "")]
    [InlineData(".", "")]
    [InlineData("a.txt", "a.txt")]
    [InlineData("./in//b.csv", "in/b.csv")]
    [InlineData("in\\b.csv", "in/b.csv")]
    [InlineData("..a/b..", "..a/b..")]
    [InlineData("runs/2026-11-28T01:00:00Z.json", "runs/2026-11-28T01:00:00Z.json")]
    public void APathInside_MapsUnderTheRoot(string relative, string expected)
    {
        var root = new DataRootPath(Root);

        Assert.True(root.TryResolve(relative, out var full, out var error), error);
        Assert.Equal(expected, full == root.Root ? "" : root.ToRelative(full));
    }

    [Theory]
    [InlineData("..", "'..' leaves the data folder ('..' is not allowed)")]
    [InlineData("a/../../b", "'a/../../b' leaves the data folder ('..' is not allowed)")]
    [InlineData("a/..", "'a/..' leaves the data folder ('..' is not allowed)")]
    [InlineData("/etc/passwd", "'/etc/passwd' is an absolute path; paths are relative to the data folder")]
    [InlineData("\\etc\\passwd", "'\\etc\\passwd' is an absolute path; paths are relative to the data folder")]
    [InlineData("a\0b", "'a\0b' is not a valid path")]
    public void APathThatCouldLeave_IsRefused(string relative, string expected)
    {
        Assert.False(new DataRootPath(Root).TryResolve(relative, out _, out var error));
        Assert.Equal(expected, error);
    }
}

namespace Symbol.Orchestrator.Language.Tests;

/// <summary>
/// <c>run file</c> and <c>use file</c> read only inside the workflows folder (the folder compiled, or a file's own
/// folder) and the <c>Script:Roots</c> folders, by real path; anything else is an error at the path string that
/// names the setting and never quotes the file.
/// </summary>
public sealed class ScriptRootsTests : IDisposable
{
    private const string Refusal = "is outside the workflows folder and Script:Roots; add its folder to Orchestrator:Script:Roots in orchestrator.json to allow it";
    private const string Secret = "DB_PASSWORD = 'hunter2' ;;; )";
    private readonly TempFolder _base = new();

    public ScriptRootsTests()
    {
        Directory.CreateDirectory(Workflows("scripts"));
        Directory.CreateDirectory(Outside());
        File.WriteAllText(Workflows("scripts", "ok.js"), "return 1;");
        File.WriteAllText(Outside("secret.js"), Secret);
    }

    public void Dispose() => _base.Dispose();

    private string Workflows(params string[] parts) => Path.Combine([_base.Path, "workflows", .. parts]);

    private string Outside(params string[] parts) => Path.Combine([_base.Path, "outside", .. parts]);

    private FlowCompilation CompileFolder(string flow, params string[] roots)
    {
        File.WriteAllText(Workflows("w.flow"), flow);
        return FlowCompiler.Compile([Workflows()], Compile.Options with { ScriptRoots = roots });
    }

    private static string RunFile(string path) => $"workflow w {{\n  job a {{ run file \"{path}\" }}\n}}";

    [Theory]
    [InlineData("../outside/secret.js")]
    [InlineData("scripts/../../outside/secret.js")]
    public void ARelativePathThatLeavesTheFolder_IsAnErrorAtThePath_ThatNeverQuotesTheFile(string path)
    {
        var result = CompileFolder(RunFile(path));

        Assert.Equal([$"2:20: \"{path}\" {Refusal}"], result.Diagnostics.Select(Compile.Format));
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("hunter2", StringComparison.Ordinal));
        Assert.Empty(result.Workflows);
    }

    [Fact]
    public void AnAbsolutePathOutside_IsAnError_ForUseFileToo()
    {
        var result = CompileFolder($"workflow w {{\n  use file \"{Outside("secret.js")}\"\n  job a {{ run ``` return 1; ``` }}\n}}");

        Assert.Equal([$"2:12: \"{Outside("secret.js")}\" {Refusal}"], result.Diagnostics.Select(Compile.Format));
    }

    [PosixFact]
    public void ALinkInsideThatLeadsOutside_CountsAsLeaving_AsDoesALinkedFolder()
    {
        File.CreateSymbolicLink(Workflows("scripts", "linked.js"), Outside("secret.js"));
        Directory.CreateSymbolicLink(Workflows("shared"), Outside());

        Assert.Equal([$"2:20: \"scripts/linked.js\" {Refusal}"], CompileFolder(RunFile("scripts/linked.js")).Diagnostics.Select(Compile.Format));
        Assert.Equal([$"2:20: \"shared/secret.js\" {Refusal}"], CompileFolder(RunFile("shared/secret.js")).Diagnostics.Select(Compile.Format));
    }

    [PosixFact]
    public void ALinkThatStaysInside_IsRead()
    {
        File.CreateSymbolicLink(Workflows("alias.js"), Workflows("scripts", "ok.js"));

        Assert.Empty(CompileFolder(RunFile("alias.js")).Diagnostics);
    }

    [Fact]
    public void AFolderListedInScriptRoots_MayBeRead()
    {
        File.WriteAllText(Outside("shared.js"), "return 2;");

        var result = CompileFolder(RunFile("../outside/shared.js"), Outside());

        Assert.Empty(result.Diagnostics);
        Assert.Equal("return 2;", Assert.Single(result.Workflows).Jobs[0].Script.Code);
    }

    [Fact]
    public void AFileInASubfolder_MayReadAnywhereInTheFolderCompiled()
    {
        Directory.CreateDirectory(Workflows("team"));
        File.WriteAllText(Workflows("team", "t.flow"), RunFile("../scripts/ok.js").Replace("workflow w", "workflow t"));

        Assert.Empty(CompileFolder(RunFile("scripts/ok.js")).Diagnostics);
    }

    [Fact]
    public void AFileCompiledAlone_HasItsOwnFolderAsTheWorkflowsFolder()
    {
        Directory.CreateDirectory(Workflows("team"));
        File.WriteAllText(Workflows("team", "t.flow"), RunFile("../scripts/ok.js"));
        File.WriteAllText(Workflows("w.flow"), RunFile("scripts/ok.js"));

        var alone = FlowCompiler.Compile([Workflows("team", "t.flow")], Compile.Options);
        var besideItsScripts = FlowCompiler.Compile([Workflows("w.flow")], Compile.Options);

        Assert.Equal([$"2:20: \"../scripts/ok.js\" {Refusal}"], alone.Diagnostics.Select(Compile.Format));
        Assert.Empty(besideItsScripts.Diagnostics);
    }
}

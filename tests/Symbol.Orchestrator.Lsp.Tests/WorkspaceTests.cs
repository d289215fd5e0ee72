using Symbol.Orchestrator.Lsp.Server;

namespace Symbol.Orchestrator.Lsp.Tests;

/// <summary>Which files a file compiles with, and with which settings: as <c>validate</c> would for the host.</summary>
public sealed class WorkspaceTests
{
    private static Workspace Create(params string[] folders) =>
        new(TimeProvider.System, new SettingsFiles(TimeProvider.System, new Dictionary<string, string>())) { Folders = folders };

    [Fact]
    public void AFileInTheWorkflowsFolderOfTheNearestOrchestratorJson_CompilesWithThatFolderAndItsSettings()
    {
        using var root = new TempFolder();
        root.Write("orchestrator.json", """{ "Orchestrator": { "Workflows": "flows", "DefaultTimeZone": "Europe/Paris" } }""");
        Directory.CreateDirectory(root.File("flows/team"));
        var path = root.Write("flows/team/a.flow", "");

        var workspace = Create(root.Path);
        var unit = workspace.UnitFor(path);

        Assert.Equal(root.File("flows"), unit.Folder);
        Assert.Equal(root.File("orchestrator.json"), unit.Settings.ConfigFile);
        Assert.Equal("Europe/Paris", workspace.OptionsFor(path).DefaultTimeZone.Id);
    }

    [Fact]
    public void AFileOutsideTheWorkflowsFolder_CompilesWithTheDeepestWorkspaceFolderHoldingIt_StillWithTheSettings()
    {
        using var root = new TempFolder();
        root.Write("orchestrator.json", """{ "Orchestrator": { "Workflows": "flows", "DefaultTimeZone": "Asia/Tokyo" } }""");
        Directory.CreateDirectory(root.File("samples/more"));
        var path = root.Write("samples/more/b.flow", "");

        var workspace = Create(root.Path, root.File("samples"));

        Assert.Equal(root.File("samples"), workspace.UnitFor(path).Folder);
        Assert.Equal("Asia/Tokyo", workspace.OptionsFor(path).DefaultTimeZone.Id);
    }

    [Fact]
    public void WithNoWorkspaceFolderNorSettings_AFileCompilesWithItsOwnFolder_AndTheDefaults()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(root.File("alone"));
        var path = root.Write("alone/c.flow", "");

        var workspace = Create();
        var unit = workspace.UnitFor(path);

        Assert.Equal(root.File("alone"), unit.Folder);
        Assert.Null(unit.Settings.ConfigFile);
        Assert.Equal(TimeZoneInfo.Utc.Id, workspace.OptionsFor(path).DefaultTimeZone.Id);
    }

    [Fact]
    public void ABrokenOrchestratorJson_GivesTheDefaults_AndSaysWhy()
    {
        using var root = new TempFolder();
        root.Write("orchestrator.json", """{ "Orchestrator": { "DefaultTimeZone": "Mars/Olympus" } }""");
        var path = root.Write("d.flow", "");

        var workspace = Create(root.Path);
        var unit = workspace.UnitFor(path);

        Assert.Equal(root.Path, unit.Folder);
        Assert.Contains("Mars/Olympus", unit.Settings.Error, StringComparison.Ordinal);
        Assert.Equal(TimeZoneInfo.Utc.Id, workspace.OptionsFor(path).DefaultTimeZone.Id);
    }

    [Fact]
    public void ADocumentWithoutAFile_IsAUnitAlone()
    {
        var unit = Create("/w").UnitFor("untitled:Untitled-1");

        Assert.True(unit.LoneDocument);
        Assert.Null(unit.Settings.ConfigFile);
    }

    [Fact]
    public void OpenTextsWinOverTheDisk_AndClosedFilesComeBackFromIt()
    {
        using var root = new TempFolder();
        var path = root.Write("a.flow", "workflow a {\n    job one {\n        run ```\nreturn 1;\n```\n    }\n}\n");
        var workspace = Create(root.Path);
        workspace.Documents.Open(new Uri(path).AbsoluteUri, "workflow a {", 1);

        Assert.True(workspace.Compile(workspace.UnitFor(path)).Compilation.HasErrors);

        workspace.Documents.Close(new Uri(path).AbsoluteUri);

        Assert.False(workspace.Compile(workspace.UnitFor(path)).Compilation.HasErrors);
    }
}

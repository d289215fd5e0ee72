namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary><c>files</c> inside the data folder: UTF-8 text, folders made on demand, paths relative to the folder.</summary>
public sealed class FilesTests
{
    [Fact]
    public async Task WriteAppendRead_RoundTripsText_AndMakesFolders()
    {
        using var sandbox = new Sandbox();

        var output = await sandbox.OutputAsync("""
            files.write('out/2026/report.txt', 'line 1\n');
            files.append('out/2026/report.txt', 'línea 2\n');
            return files.read('out/2026/report.txt');
            """);

        Assert.Equal("\"line 1\\nlínea 2\\n\"", output);
        Assert.Equal("line 1\nlínea 2\n", File.ReadAllText(Path.Combine(sandbox.DataRoot, "out", "2026", "report.txt")));
    }

    [Fact]
    public async Task Append_FromScriptsRunningSideBySide_KeepsEveryLine()
    {
        using var sandbox = new Sandbox();

        // Eight attempts at once, each appending 200 lines to one file (runs of a backfill noting their instant).
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            sandbox.RunAsync($$"""for (let n = 0; n < 200; n++) files.append('order.txt', 'run {{i}} line ' + n + '\n');"""))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        var lines = File.ReadAllLines(Path.Combine(sandbox.DataRoot, "order.txt"));
        Assert.Equal(1600, lines.Length);
        Assert.Equal(1600, lines.Distinct().Count());
    }

    [Fact]
    public async Task Write_TakesAValueThatIsNotAString_AsJson()
    {
        using var sandbox = new Sandbox();

        await sandbox.OutputAsync("files.write('state.json', { count: 3, tags: ['a'] });");

        Assert.Equal("""{"count":3,"tags":["a"]}""", File.ReadAllText(Path.Combine(sandbox.DataRoot, "state.json")));
    }

    [Fact]
    public async Task Exists_SaysWhetherAFileOrFolderIsThere()
    {
        using var sandbox = new Sandbox();
        File.WriteAllText(Path.Combine(sandbox.DataRoot, "a.txt"), "a");

        var output = await sandbox.OutputAsync("return [files.exists('a.txt'), files.exists('./a.txt'), files.exists('b.txt'), files.exists('.')];");

        Assert.Equal("[true,true,false,true]", output);
    }

    [Fact]
    public async Task List_GivesSortedPathsRelativeToTheDataFolder_FoldersEndingInASlash()
    {
        using var sandbox = new Sandbox();
        Directory.CreateDirectory(Path.Combine(sandbox.DataRoot, "in", "old"));
        File.WriteAllText(Path.Combine(sandbox.DataRoot, "in", "b.csv"), "");
        File.WriteAllText(Path.Combine(sandbox.DataRoot, "in", "a.csv"), "");

        var output = await sandbox.OutputAsync("return { root: files.list(), inbox: files.list('in'), missing: files.list('nothing-here') };");

        Assert.Equal("""{"root":["in/"],"inbox":["in/a.csv","in/b.csv","in/old/"],"missing":[]}""", output);
    }

    [Fact]
    public async Task Read_OfAMissingFile_FailsWithItsName()
    {
        using var sandbox = new Sandbox();

        var error = await sandbox.ErrorAsync("return files.read('nope.txt');");

        Assert.Equal("Error: files.read: 'nope.txt' does not exist (at test.flow:1)", error);
    }

    [Fact]
    public async Task ALinkThatStaysInside_IsRefusedToo()
    {
        using var sandbox = new Sandbox();
        File.WriteAllText(Path.Combine(sandbox.DataRoot, "real.txt"), "x");
        File.CreateSymbolicLink(Path.Combine(sandbox.DataRoot, "alias.txt"), "real.txt");

        var error = await sandbox.ErrorAsync("return files.read('alias.txt');");

        Assert.Contains("goes through a symbolic link ('alias.txt')", error);
    }

    [Fact]
    public async Task FileNames_MayHoldColons()
    {
        using var sandbox = new Sandbox();

        Assert.Equal("\"{}\"", await sandbox.OutputAsync("files.write('runs/2026-11-28T01:00:00Z.json', '{}'); return files.read('runs/2026-11-28T01:00:00Z.json');"));
    }
}

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>
/// <c>Script:MemoryMb</c> caps what a script holds, not what it allocates: strings and arrays are refused before
/// they are made, writes before they are written, and what scripts retain is measured only when it could matter.
/// </summary>
public sealed class MemoryTests
{
    [Fact]
    public async Task ALoopThatKeepsNothing_RunsPastItsMemoryInAllocations()
    {
        using var sandbox = new Sandbox(o => o with { MemoryMb = 16 });

        // About 100 MB of short strings, none kept: Jint's allocation budget failed this at 16 (and at 64) MB.
        var output = await sandbox.OutputAsync("let n = 0; for (let i = 0; i < 1e6; i++) n += ('row ' + i).length; return n;");

        Assert.Equal("9888890", output);
    }

    [Fact]
    public async Task OneHugeStatement_IsRefusedBeforeItAllocates_NamingTheLimit()
    {
        using var sandbox = new Sandbox();

        var error = await sandbox.ErrorAsync("const a = ['a'.repeat(2**28), 'b'.repeat(2**28), 'c'.repeat(2**28)]; return a.length;");

        Assert.Equal("memory limit: a string of 268,435,456 characters is longer than the 16 MiB limit (8,388,608 characters; Script:MemoryMb 64)", error);
    }

    [Theory]
    [InlineData("'x'.padStart(2**24, 'ab')")]
    [InlineData("'x'.padEnd(2**24)")]
    [InlineData("''.concat('x'.repeat(2**22), 'y'.repeat(2**22), 'z')")]
    [InlineData("Array(3000).fill('x'.repeat(4096)).join('')")]
    [InlineData("Array(300000).join('separator')")]
    [InlineData("Array.prototype.join.call({ length: 2**30 }, '--')")]
    [InlineData("(() => { const inner = Array(1000).fill('x'.repeat(4000)); return [inner, inner, inner].join(''); })()")]
    [InlineData("String.prototype.repeat.call({ toString() { return 'ab'; } }, 2**23)")]
    public async Task EveryOneCallStringBuilder_IsRefusedPastTheLimit(string expression)
    {
        using var sandbox = new Sandbox(o => o with { MemoryMb = 16 });

        var error = await sandbox.ErrorAsync($"return {expression}.length;");

        Assert.Matches(@"^memory limit: a string of [\d,]+ characters is longer than the 4 MiB limit \(2,097,152 characters; Script:MemoryMb 16\)$", error);
    }

    [Theory]
    [InlineData("return 'ab'.repeat(3) + 'x'.padStart(3, '-') + 'y'.padEnd(2) + 'a'.concat(1, null) + [1, [2, 3], null, 'z'].join('|');", "\"ababab--xy a1null1|2,3||z\"")]
    [InlineData("const a = [1]; a.push(a, 2); return a.join('-');", "\"1--2\"")]
    [InlineData("return [String.prototype.repeat.length, String.prototype.padStart.length, Array.prototype.join.length, Array.prototype.join.call('abc')];", "[1,1,1,\"a,b,c\"]")]
    [InlineData("try { String.prototype.repeat.call(null, 2); } catch (e) { return e.name; }", "\"TypeError\"")]
    [InlineData("try { 'x'.repeat(-1); } catch (e) { return e.name; }", "\"RangeError\"")]
    [InlineData("let n = 0; const fill = { toString() { n++; return '-'; } }; return ['abc'.padStart(2, fill), 'a'.padEnd(3, fill), ''.padStart(2, ''), n];", "[\"abc\",\"a--\",\"\",1]")]
    public async Task TheGuardedBuiltIns_BehaveAsBefore_WithinTheLimit(string code, string output)
    {
        using var sandbox = new Sandbox();

        Assert.Equal(output, await sandbox.OutputAsync(code));
    }

    [Fact]
    public async Task AnArray_IsCappedInElements()
    {
        using var sandbox = new Sandbox(o => o with { MemoryMb = 16 });

        var error = await sandbox.ErrorAsync("const rows = []; while (true) rows.push(rows.length);");

        Assert.Equal("memory limit: an array longer than the 524,288-element limit (Script:MemoryMb 16)", error);
    }

    [Fact]
    public async Task WhatScriptsRetain_IsCappedAcrossTheHost()
    {
        using var sandbox = new Sandbox(o => o with { MemoryMb = 16, MaxParallelJobs = 1 });

        // Each string is new and kept, so the heap really grows: past the start + 16 MB × (1 + 1) it fails.
        var error = await sandbox.ErrorAsync("const keep = []; for (let i = 0; ; i++) keep.push('x'.repeat(100000 + i));");

        Assert.Matches(@"^memory limit exceeded: scripts held [\d,]+ MiB after a collection, over the [\d,]+ MiB this host allows them \([\d,]+ MiB at start \+ Script:MemoryMb 16 × \(MaxParallelJobs 1 \+ 1\)\)$", error);
    }

    [Fact]
    public async Task AWritePastTheAttemptsLimit_IsRefused_AndLeavesNothing()
    {
        using var sandbox = new Sandbox(o => o with { MemoryMb = 16 });

        var error = await sandbox.ErrorAsync("const part = 'x'.repeat(2 * 1024 * 1024); for (let i = 0; i < 10; i++) files.write(`part${i}.txt`, part);");

        Assert.Equal("Error: files.write: 'part8.txt': writing 2,097,152 bytes would take what this attempt wrote past the 16 MiB limit (16,777,216 bytes so far; Script:MemoryMb 16) (at test.flow:1)", error);
        Assert.Equal(2 * 1024 * 1024, new FileInfo(Path.Combine(sandbox.DataRoot, "part7.txt")).Length);
        Assert.False(File.Exists(Path.Combine(sandbox.DataRoot, "part8.txt")));
    }

    [Fact]
    public async Task RewritingOneFile_AddsNothing_ButAppendingDoes()
    {
        using var sandbox = new Sandbox(o => o with { MemoryMb = 16 });

        Assert.Equal("20", await sandbox.OutputAsync("const part = 'x'.repeat(2 * 1024 * 1024); for (let i = 0; i < 20; i++) files.write('state.txt', part); return 20;"));
        var error = await sandbox.ErrorAsync("const part = 'x'.repeat(2 * 1024 * 1024); for (let i = 0; i < 20; i++) files.append('log.txt', part);");

        Assert.StartsWith("Error: files.append: 'log.txt': writing 2,097,152 bytes would take what this attempt wrote past the 16 MiB limit", error);
        Assert.Equal(16 * 1024 * 1024, new FileInfo(Path.Combine(sandbox.DataRoot, "log.txt")).Length);
    }

    [Fact]
    public async Task AFileLongerThanTheStringLimit_IsNotRead()
    {
        using var sandbox = new Sandbox(o => o with { MemoryMb = 16 });
        File.WriteAllText(Path.Combine(sandbox.DataRoot, "big.txt"), new string('x', 3 * 1024 * 1024));

        var error = await sandbox.ErrorAsync("return files.read('big.txt').length;");

        Assert.Equal("Error: files.read: 'big.txt' is 3,145,728 bytes, longer than the 4 MiB string limit (Script:MemoryMb 16) (at test.flow:1)", error);
    }
}

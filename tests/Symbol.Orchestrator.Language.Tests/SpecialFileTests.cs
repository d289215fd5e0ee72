namespace Symbol.Orchestrator.Language.Tests;

/// <summary>
/// Only regular files (or links to one) of at most 16 MiB are read, as .flow files and as <c>run file</c> /
/// <c>use file</c> scripts: a FIFO would block the open for ever and <c>/dev/zero</c> never ends.
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private const string Good = "workflow good { job a { run ``` return 1; ``` } }";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string At(string name) => Path.Combine(_folder.Path, name);

    [PosixFact]
    public void AFolderOfSpecialFiles_GivesOneErrorOnEach_AndCompilesTheRest()
    {
        SpecialFiles.Fifo(At("fifo.flow"));
        File.CreateSymbolicLink(At("zero.flow"), "/dev/zero");
        File.CreateSymbolicLink(At("dangling.flow"), At("nowhere.flow"));
        File.CreateSymbolicLink(At("linked.flow"), At("good.flow.txt"));
        File.WriteAllText(At("good.flow.txt"), Good.Replace("good", "linked"));
        using (var big = File.Create(At("big.flow")))
            big.SetLength(16 * 1024 * 1024 + 1);
        Directory.CreateDirectory(At("x.flow"));
        File.WriteAllText(At("x.flow/inner.flow"), Good.Replace("good", "inner"));
        File.WriteAllText(At("good.flow"), Good);

        var result = FlowCompiler.Compile([_folder.Path], Compile.Options);

        Assert.Equal(
            [
                $"{At("big.flow")}:1:1: larger than 16 MiB, the most a .flow or script file may be",
                $"{At("dangling.flow")}:1:1: no such file or folder",
                $"{At("fifo.flow")}:1:1: not a regular file (a FIFO)",
                $"{At("zero.flow")}:1:1: not a regular file (a device)",
            ],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(["good", "linked", "inner"], result.Workflows.Select(w => w.Name));
    }

    [PosixFact]
    public void RunFileAndUseFile_ReadRegularFilesOnly()
    {
        SpecialFiles.Fifo(At("fifo.js"));
        File.CreateSymbolicLink(At("zero.js"), "/dev/zero");
        File.WriteAllText(At("w.flow"), """
            workflow w {
                use file "zero.js"
                job a { run file "fifo.js" }
            }
            """);

        // /dev as a script root, or the link would be refused for leading out of the workflows folder.
        var result = FlowCompiler.Compile([At("w.flow")], Compile.Options with { ScriptRoots = ["/dev"] });

        Assert.Equal(
            [
                "2:14: cannot read use file \"zero.js\": not a regular file (a device)",
                "3:22: cannot read run file \"fifo.js\": not a regular file (a FIFO)",
            ],
            result.Diagnostics.Select(Compile.Format));
    }

    [PosixFact]
    public void AFlowFileNamedAsAnArgument_ThatIsAFifo_IsAnError()
    {
        SpecialFiles.Fifo(At("named.flow"));

        var result = FlowCompiler.Compile([At("named.flow")], Compile.Options);

        Assert.Equal([$"{At("named.flow")}:1:1: not a regular file (a FIFO)"], result.Diagnostics.Select(d => d.ToString()));
    }
}

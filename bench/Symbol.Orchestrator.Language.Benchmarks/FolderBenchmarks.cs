using BenchmarkDotNet.Attributes;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>
/// A folder of 10,000 workflows compiled end to end, as <c>validate workflows/</c> would: enumerate,
/// read every file from disk, parse, compile, check scripts (including a shared <c>run file</c>).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(BenchmarkConfig))]
public class FolderBenchmarks
{
    private const int Workflows = 10_000;
    private string _folder = "";
    private readonly CompileOptions _options = CompileOptions.Default(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>10,000 files of one workflow, or 1,000 files of ten.</summary>
    [Params(1, 10)]
    public int WorkflowsPerFile { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("flow-bench-").FullName;
        Directory.CreateDirectory(Path.Combine(_folder, "scripts"));
        File.WriteAllText(Path.Combine(_folder, "scripts", "notify.js"), "log(`done ${run.workflow}`);\nreturn true;\n");
        for (int file = 0; file < Workflows / WorkflowsPerFile; file++)
        {
            var text = string.Concat(Enumerable.Range(file * WorkflowsPerFile, WorkflowsPerFile).Select(FlowTextGenerator.Workflow));
            text = text.Replace("    job load {", "    job notify { run file \"scripts/notify.js\" }\n    job load {");
            var sub = Path.Combine(_folder, $"team{file % 20:00}");
            Directory.CreateDirectory(sub);
            File.WriteAllText(Path.Combine(sub, $"flow{file:00000}.flow"), text.Replace("scripts/notify.js", "../scripts/notify.js"));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public int CompileFolder()
    {
        var result = FlowCompiler.Compile([_folder], _options);
        if (result.HasErrors || result.Workflows.Count != Workflows)
            throw new InvalidOperationException($"the generated folder should compile clean: {result.Diagnostics.FirstOrDefault()}");
        return result.Workflows.Count;
    }
}

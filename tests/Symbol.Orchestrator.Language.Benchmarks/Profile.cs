using System.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>A quick stopwatch breakdown (parse vs compile) for profiling by hand; the numbers to report come from BenchmarkDotNet.</summary>
internal static class Profile
{
    public static void Run(string[] args)
    {
        var text = FlowTextGenerator.File(4 * 1024 * 1024);
        if (args.Length > 1)
        {
            var unit = args[1].Replace("\\n", "\n");
            var sb = new System.Text.StringBuilder();
            for (int k = 0; sb.Length < 4 * 1024 * 1024; k++) sb.Append(unit.Replace("NN", k.ToString()));
            text = sb.ToString();
        }
        var options = CompileOptions.Default(DateTimeOffset.UtcNow);
        for (int round = 0; round < int.Parse(args.FirstOrDefault() ?? "5"); round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            int gcs = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
            var watch = Stopwatch.StartNew();
            FlowGrammar.ParseFile(text);
            var parse = watch.Elapsed;
            Console.Write($"alloc {(GC.GetAllocatedBytesForCurrentThread() - before) / 1048576.0:F0} MB, gen0 {GC.CollectionCount(0) - gcs}, gen2 {GC.CollectionCount(2) - gen2}; ");
            watch.Restart();
            var result = FlowCompiler.CompileSources([("bench.flow", text)], options, _ => null);
            var total = watch.Elapsed;
            double mb = text.Length / 1024.0 / 1024.0;
            var scripts = result.Workflows.SelectMany(w => w.Jobs).Select(j => j.Script.Code).ToList();
            var acorn = new Acornima.Parser(new Acornima.ParserOptions { AllowReturnOutsideFunction = true });
            watch.Restart();
            foreach (var code in scripts) acorn.ParseScript(code);
            double jsMb = scripts.Sum(c => c.Length) / 1024.0 / 1024.0;
            Console.Write($"acornima {jsMb:F1} MB at {jsMb / watch.Elapsed.TotalSeconds:F1} MB/s; ");
            Console.WriteLine($"{mb:F1} MB: parse {mb / parse.TotalSeconds:F1} MB/s, parse+compile {mb / total.TotalSeconds:F1} MB/s, {result.Workflows.Count} workflows, {result.Diagnostics.Count()} diagnostics");
        }
    }
}

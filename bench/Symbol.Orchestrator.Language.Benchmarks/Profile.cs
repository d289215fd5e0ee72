using System.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>
/// A quick stopwatch breakdown for profiling by hand (<c>-- --profile [rounds]</c>): grammar only,
/// Acornima alone on the same scripts, and the whole compile (<c>-- --profile 10 grammar|acornima|compile</c>
/// for one of them). It prints the best round, the closest to an idle machine, and with
/// <c>PROFILE_ROUNDS=1</c> every round; the numbers to report come from BenchmarkDotNet. What the GC does:
/// <c>--profile 1 retained census</c> (what the result keeps alive, by type), <c>--profile 3 gcs compile</c>
/// (each collection: pause, MB promoted, roots), <c>--profile 5 alloc compile</c> (MB allocated by type).
/// </summary>
internal static class Profile
{
    public static void Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0]) : 10;
        if (args.Length > 2 && args[1] == "gcs")
        {
            Collections(rounds, args[2]);
            return;
        }
        if (args.Length > 2 && args[1] == "alloc")
        {
            Allocations(rounds, args[2]);
            return;
        }
        var text = FlowTextGenerator.File(4 * 1024 * 1024);
        double mb = text.Length / 1024.0 / 1024.0;
        var options = CompileOptions.Default(DateTimeOffset.UtcNow);
        if (args.Length > 1 && args[1] == "retained")
        {
            // What a compile's result keeps alive: the part that every collection during the compile copies or marks.
            long before = GC.GetTotalMemory(forceFullCollection: true);
            var kept = FlowCompiler.CompileSources([("bench.flow", text)], options, _ => null);
            long after = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine($"retained by the compilation: {(after - before) / 1048576.0:F1} MB for {kept.Workflows.Count} workflows");
            if (args.Length > 2 && args[2] == "census")
                Census.Print(kept, text);
            GC.KeepAlive(kept);
            return;
        }
        if (args.Length > 1 && args[1] == "grammar")
        {
            Console.WriteLine($"grammar only: {mb / Best(rounds, () => FlowGrammar.ParseFile(text)):F1} MB/s");
            return;
        }
        var scripts = FlowCompiler.CompileSources([("bench.flow", text)], options, _ => null).Workflows
            .SelectMany(w => w.Jobs).Select(j => j.Script.Code).ToList();
        double jsMb = scripts.Sum(c => c.Length) / 1024.0 / 1024.0;
        var acornima = new Acornima.Parser(new Acornima.ParserOptions { AllowReturnOutsideFunction = true });

        if (args.Length > 1 && args[1] == "compile")
        {
            Console.WriteLine($"parse + compile: {mb / Best(rounds, () => FlowCompiler.CompileSources([("bench.flow", text)], options, _ => null)):F1} MB/s");
            return;
        }
        if (args.Length > 1 && args[1] == "acornima")
        {
            Console.WriteLine($"Acornima alone: {jsMb / Best(rounds, () => scripts.ForEach(code => acornima.ParseScript(code))):F1} MB/s");
            return;
        }
        double parse = Best(rounds, () => FlowGrammar.ParseFile(text));
        double js = Best(rounds, () => scripts.ForEach(code => acornima.ParseScript(code)));
        var joined = string.Concat(scripts.Select(code => "(function(){\n" + code + "\n});\n"));
        double batch = Best(rounds, () => acornima.ParseScript(joined));
        Console.WriteLine($"Acornima, one parse: {jsMb / batch,6:F1} MB/s of JavaScript");
        double compile = Best(rounds, () => FlowCompiler.CompileSources([("bench.flow", text)], options, _ => null));
        Console.WriteLine($"{mb:F1} MB of .flow, {jsMb:F1} MB of it JavaScript");
        Console.WriteLine($"grammar only:       {mb / parse,6:F1} MB/s");
        Console.WriteLine($"Acornima alone:     {jsMb / js,6:F1} MB/s of JavaScript");
        Console.WriteLine($"parse + compile:    {mb / compile,6:F1} MB/s");
    }

    /// <summary>The grammar alone or the whole compile of the 4 MiB text, run once so the JIT is out of the way.</summary>
    private static Action WarmedUp(string what)
    {
        var text = FlowTextGenerator.File(4 * 1024 * 1024);
        var options = CompileOptions.Default(DateTimeOffset.UtcNow);
        Action action = what == "grammar"
            ? () => FlowGrammar.ParseFile(text)
            : () => FlowCompiler.CompileSources([("bench.flow", text)], options, _ => null);
        action();
        return action;
    }

    private static void Allocations(int rounds, string what)
    {
        var action = WarmedUp(what);
        using var sampler = new AllocationSampler();
        sampler.Start();
        for (int round = 0; round < rounds; round++)
            action();
        sampler.Stop();
        sampler.Print(rounds);
    }

    private static void Collections(int rounds, string what)
    {
        var action = WarmedUp(what);
        GC.Collect();
        using var log = new GcLog();
        log.Start();
        for (int round = 0; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            action();
            Console.WriteLine($"round {round}: {watch.Elapsed.TotalMilliseconds:F0} ms");
        }
        log.Stop();
        log.Print(rounds);
    }

    private static double Best(int rounds, Action action)
    {
        var walls = new List<double>();
        var cpus = new List<double>();
        var process = Process.GetCurrentProcess();
        action(); // warm-up round (JIT), not counted
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        for (int round = 0; round < rounds; round++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var pausedBefore = GC.GetTotalPauseDuration();
            var watch = Stopwatch.StartNew();
            action();
            walls.Add(watch.Elapsed.TotalSeconds);
            process.Refresh();
            cpus.Add((process.TotalProcessorTime - cpu).TotalSeconds);
            // Each round as wall/CPU/GC pause in ms: which of them a slow round spent more of.
            if (Environment.GetEnvironmentVariable("PROFILE_ROUNDS") is not null)
                Console.Write($"{watch.Elapsed.TotalMilliseconds:F0}/{cpus[^1] * 1000:F0}/{(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:F0} ");
        }
        double perRound(long total) => (double)total / rounds;
        // CPU time (all threads, GC included) is what a busy machine cannot inflate as much as wall time.
        Console.Write($"[wall best {walls.Min() * 1000:F0} median {Median(walls) * 1000:F0} ms, CPU best {cpus.Min() * 1000:F0} median {Median(cpus) * 1000:F0} ms, "
            + $"{perRound(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576:F0} MB allocated, GCs/round "
            + $"{perRound(GC.CollectionCount(0) - gen0):F1}/{perRound(GC.CollectionCount(1) - gen1):F1}/{perRound(GC.CollectionCount(2) - gen2):F1}, GC pause {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / rounds:F0} ms/round] ");
        return Environment.GetEnvironmentVariable("PROFILE_BEST") is not null ? walls.Min() : Median(walls);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

using System.Reflection;
using Symbol.Orchestrator.HostBenchmarks;

Settings settings;
try
{
    settings = Settings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}\n{Settings.Usage}");
    return 2;
}

if (!File.Exists(HostUnderTest.OrchestratorDll))
{
    Console.Error.WriteLine($"error: {HostUnderTest.OrchestratorDll} is missing; build this project first");
    return 1;
}
var debug = typeof(Settings).Assembly.GetCustomAttribute<System.Diagnostics.DebuggableAttribute>()?.IsJITOptimizerDisabled == true;
Console.WriteLine($"host: dotnet {HostUnderTest.OrchestratorDll} run{(debug ? "  (Debug build: use -c Release for numbers)" : "")}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");
Console.WriteLine();

if (settings.Which is "startup" or "all")
    StartupBenchmark.Run(settings);
if (settings.Which is "reload" or "all")
    ReloadBenchmark.Run(settings);
if (settings.Which is "accuracy" or "all")
    AccuracyBenchmark.Run(settings);
if (settings.Which is "cancel" or "all")
    CancelBenchmark.Run(settings);
if (settings.Which is "load")
    LoadBenchmark.RunScheduled(settings);
if (settings.Which is "drain")
    LoadBenchmark.RunDrain(settings);
if (settings.Which is "api")
    ApiBenchmark.Run(settings);
return 0;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

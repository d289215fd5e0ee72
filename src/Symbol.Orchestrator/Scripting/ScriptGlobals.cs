using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime.Interop;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// The globals of docs/scripts.md and nothing else. Data reaches the script as plain JavaScript values parsed
/// from JSON, never as .NET objects (whose public members Jint would expose); the host functions are
/// JavaScript functions that close over their .NET side.
/// </summary>
internal static class ScriptGlobals
{
    public static void Install(Engine engine, AttemptContext context, AttemptBudget budget, LogCapture logs, FilesApi files, HttpApi http, EnvApi env)
    {
        var json = new JsonParser(engine);
        engine.SetValue("inputs", ByJob(engine, json, context.InputsJson));
        engine.SetValue("outputs", ByJob(engine, json, context.OutputsJson));
        engine.SetValue("params", string.IsNullOrWhiteSpace(context.ParamsJson) ? new JsObject(engine) : json.Parse(context.ParamsJson));
        engine.SetValue("run", Run(engine, context));

        logs.Install(engine);
        engine.SetValue("sleep", new ClrFunction(engine, "sleep", (_, args) =>
        {
            budget.Sleep(Milliseconds(ScriptArgs.At(args, 0)));
            return JsValue.Undefined;
        }));
        engine.SetValue("files", files.Create(engine));
        engine.SetValue("http", http.Create(engine, budget));
        engine.SetValue("env", env.Create(engine));
    }

    /// <summary>Job name → its output, each parsed on its own so <c>inputs</c> and <c>outputs</c> share no object.</summary>
    private static JsObject ByJob(Engine engine, JsonParser json, IReadOnlyDictionary<string, string> outputsJson)
    {
        var byJob = new JsObject(engine);
        foreach (var (job, output) in outputsJson)
        {
            byJob.FastSetDataProperty(job, json.Parse(output));
        }
        return byJob;
    }

    private static JsObject Run(Engine engine, AttemptContext context)
    {
        var run = new JsObject(engine);
        run.FastSetDataProperty("id", new JsString(context.RunId));
        run.FastSetDataProperty("workflow", new JsString(context.Workflow));
        run.FastSetDataProperty("job", new JsString(context.Job));
        run.FastSetDataProperty("scheduledAt", new JsString(IsoUtc(context.ScheduledAt)));
        run.FastSetDataProperty("attempt", JsNumber.Create(context.Attempt));
        if (context.Outcome is { } outcome)
        {
            run.FastSetDataProperty("status", new JsString(outcome.Status));
            var failed = new JsObject(engine);
            foreach (var (job, error) in outcome.Failed)
                failed.FastSetDataProperty(job, new JsString(error));
            run.FastSetDataProperty("failed", failed);
        }
        return run;
    }

    /// <summary>UTC, with as many fraction digits as it has: <c>2026-11-28T01:00:00Z</c>.</summary>
    private static string IsoUtc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>sleep(ms)</c> takes any number; NaN and negatives are no wait, huge ones wait for the timeout.</summary>
    private static TimeSpan Milliseconds(JsValue value)
    {
        var ms = value.IsNumber() ? value.AsNumber() : 0;
        return double.IsNaN(ms) || ms <= 0 ? TimeSpan.Zero
            : ms >= int.MaxValue ? TimeSpan.FromMilliseconds(int.MaxValue)
            : TimeSpan.FromMilliseconds(ms);
    }
}

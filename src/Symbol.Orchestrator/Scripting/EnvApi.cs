using Jint;
using Jint.Native;
using Jint.Runtime.Interop;

namespace Symbol.Orchestrator.Scripting;

/// <summary><c>env(name)</c>: an environment variable listed in <c>Env.Allowed</c>, or <c>null</c> when it is unset.</summary>
internal sealed class EnvApi(IReadOnlyList<string> allowed)
{
    // Exact names: variables are case-sensitive where the host usually runs.
    private readonly HashSet<string> _allowed = new(allowed, StringComparer.Ordinal);

    public ClrFunction Create(Engine engine) =>
        new(engine, "env", (_, args) =>
        {
            var name = ScriptArgs.String(engine, args, 0, "env", "the name");
            if (!_allowed.Contains(name))
            {
                throw ScriptArgs.Error(engine, $"env: '{name}' is not in Env.Allowed");
            }
            return Environment.GetEnvironmentVariable(name) is { } value ? new JsString(value) : JsValue.Null;
        });
}

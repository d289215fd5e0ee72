namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// A limit of <see cref="MemoryLimits"/> that a script reached. Like Jint's own limits it ends the attempt (a
/// script cannot catch it and carry on); its message is the attempt's error and names the limit and setting.
/// </summary>
internal sealed class ScriptLimitException(string message) : Exception(message);

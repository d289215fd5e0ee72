namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// Files that compile together, as <c>orchestrator validate FOLDER</c> compiles them: every <c>*.flow</c> below
/// <paramref name="Folder"/>, with <paramref name="Settings"/>. A document with no file (<c>untitled:</c>) is a unit
/// alone: <paramref name="Folder"/> is then its URI and <paramref name="LoneDocument"/> true.
/// </summary>
internal sealed record CompileUnit(string Folder, ProjectSettings Settings, bool LoneDocument = false);

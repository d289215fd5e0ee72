using System.Text.Json;

namespace Symbol.Orchestrator.Lsp.Tests;

/// <summary>What <c>orchestrator validate FOLDER --json</c> says, run in-process: the messages the server must show.</summary>
internal static class Validate
{
    public sealed record Message(string Path, int Line, int Column, string Text, bool IsError);

    public static async Task<IReadOnlyList<Message>> FolderAsync(string folder, string? config = null)
    {
        var output = new StringWriter();
        string[] args = config is null ? ["validate", folder, "--json"] : ["validate", folder, "--json", "--config", config];
        await Cli.Cli.RunAsync(args, output, new StringWriter());
        using var report = JsonDocument.Parse(output.ToString());
        var messages = new List<Message>();
        foreach (var file in report.RootElement.GetProperty("files").EnumerateArray())
        {
            var path = file.GetProperty("path").GetString()!;
            foreach (var (list, isError) in new[] { ("errors", true), ("warnings", false) })
                foreach (var d in file.GetProperty(list).EnumerateArray())
                    messages.Add(new Message(path, d.GetProperty("line").GetInt32(), d.GetProperty("column").GetInt32(), d.GetProperty("message").GetString()!, isError));
        }
        return messages;
    }
}

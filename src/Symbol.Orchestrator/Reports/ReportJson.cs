using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Symbol.Orchestrator.Reports;

/// <summary>The --json documents, serialised by generated code (no reflection at start-up).</summary>
[JsonSerializable(typeof(ValidateReport))]
[JsonSerializable(typeof(PreviewReport))]
[JsonSerializable(typeof(RunReport))]
[JsonSerializable(typeof(RunsReport))]
[JsonSerializable(typeof(PauseReport))]
[JsonSerializable(typeof(BackfillReport))]
internal sealed partial class ReportJson : JsonSerializerContext
{
    // The default encoder writes "+02:00" as "\u002B02:00": valid, but not what a person reading it expects.
    // Options given to the constructor replace the attribute's, so they are all spelled out here.
    private static readonly ReportJson Relaxed = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Strings with a lone surrogate are written as U+FFFD by the writer itself; outputs need this.
        Converters = { new WellFormedElementConverter() },
    });

    public static void Write<T>(TextWriter output, T document)
    {
        output.WriteLine(JsonSerializer.Serialize(document, typeof(T), Relaxed));
    }
}

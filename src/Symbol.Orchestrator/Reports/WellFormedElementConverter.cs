using System.Text.Json;
using System.Text.Json.Serialization;
using Symbol.Orchestrator.Execution;

namespace Symbol.Orchestrator.Reports;

/// <summary>
/// Writes a job's output, a <see cref="JsonElement"/> read from the store, so that the document never fails to write:
/// <c>return "\ud800"</c> is stored as <c>"\ud800"</c>, which <see cref="JsonElement.WriteTo"/> throws on; it is written
/// as U+FFFD instead (<see cref="JsonText.WithoutLoneSurrogates"/> says why).
/// </summary>
internal sealed class WellFormedElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonElement.ParseValue(ref reader);

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        var raw = value.GetRawText();
        var wellFormed = JsonText.WithoutLoneSurrogates(raw);
        if (ReferenceEquals(raw, wellFormed))
        {
            value.WriteTo(writer);
            return;
        }
        using var document = JsonDocument.Parse(wellFormed);
        document.RootElement.WriteTo(writer);
    }
}

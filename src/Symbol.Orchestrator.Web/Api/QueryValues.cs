using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>Query string values read with the 400 that names the field: <c>limit must be from 1 to 500 (found 0)</c>.</summary>
internal static class QueryValues
{
    /// <summary>The whole number <paramref name="name"/> holds, <paramref name="fallback"/> when absent, or the error.</summary>
    public static (int Value, IResult? Error) Int(HttpRequest request, string name, int fallback, int min, int max)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
            return (fallback, null);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (fallback, ApiError.BadRequest($"{name} must be from {min} to {max} (found {text})"));
    }

    /// <summary>The text <paramref name="name"/> holds, or null when absent or empty.</summary>
    public static string? Text(HttpRequest request, string name) => request.Query[name].ToString() is { Length: > 0 } text ? text : null;
}

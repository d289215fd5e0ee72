namespace Symbol.Orchestrator.Language;

/// <summary>
/// A state or mode as users read it and the store writes it: the enum's name in lower case (<c>running</c>,
/// <c>catchup</c>), in the CLI's text and JSON, the host's log and the store's rows alike.
/// </summary>
internal static class EnumText
{
    public static string Name<T>(T value) where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(T).Name}");

    /// <summary>The value whose <see cref="Name{T}"/> is exactly <paramref name="text"/>.</summary>
    public static bool TryParse<T>(string text, out T value) where T : struct, Enum =>
        Names<T>.ByName.TryGetValue(text, out value);

    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue = Enum.GetValues<T>().ToDictionary(v => v, v => v.ToString().ToLowerInvariant());

        public static readonly Dictionary<string, T> ByName = ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}

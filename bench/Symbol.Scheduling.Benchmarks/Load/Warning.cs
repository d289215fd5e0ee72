namespace Symbol.Scheduling.Benchmarks.Load;

internal static class Warning
{
    public static string Format(IReadOnlyList<string> warnings) =>
        warnings.Count == 0 ? "" : " [WARNING: " + string.Join("; ", warnings) + "]";
}

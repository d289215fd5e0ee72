namespace Symbol.Orchestrator.Cli;

/// <summary>The closest known name to a misspelt one: for an unknown verb or workflow name.</summary>
internal static class DidYouMean
{
    private const int MaxDistance = 2;

    /// <summary><c> (did you mean 'x'?)</c>, or the empty string when no candidate is within two edits.</summary>
    public static string Suffix(string word, IEnumerable<string> candidates) =>
        Closest(word, candidates) is { } match ? $" (did you mean '{match}'?)" : "";

    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        var closest = candidates.Where(c => c != word).MinBy(c => Distance(c, word));
        return closest is not null && Distance(closest, word) <= MaxDistance ? closest : null;
    }

    // Optimal string alignment distance, so a swap of two letters ("preveiw") counts as one edit.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}

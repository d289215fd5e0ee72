namespace Symbol.Orchestrator.Language.Diagnostics;

/// <summary>Suggests the closest known name for a misspelt one (Levenshtein distance of at most 2).</summary>
internal static class DidYouMean
{
    public const int MaxDistance = 2;

    /// <summary><c> (did you mean 'x'?)</c>, or the empty string when nothing is close.</summary>
    public static string Suffix(string word, IEnumerable<string> candidates) =>
        Closest(word, candidates) is { } match ? $" (did you mean '{match}'?)" : "";

    /// <summary>The nearest candidate within <see cref="MaxDistance"/> edits (the first declared wins a tie), or null.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = MaxDistance + 1;
        foreach (var candidate in candidates)
        {
            if (candidate == word || Math.Abs(candidate.Length - word.Length) >= bestDistance)
                continue;
            int distance = Distance(word, candidate, bestDistance);
            // A two-letter word is two edits from any other; only suggest what keeps part of the word.
            if (distance < bestDistance && distance < Math.Max(word.Length, candidate.Length))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance, giving up (returning <paramref name="limit"/>) once it cannot be below it.</summary>
    public static int Distance(string a, string b, int limit = int.MaxValue)
    {
        if (a.Length > 256 || b.Length > 256)
            return limit;
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin >= limit)
                return limit;
            current.CopyTo(previous);
        }
        return previous[b.Length];
    }
}

namespace Symbol.Orchestrator.Language.Diagnostics;

/// <summary>
/// Suggests the closest known name for a misspelt one, within two edits: an unknown setting, job or time zone in a
/// .flow file, an unknown verb or workflow on the command line, an unknown key in the configuration.
/// </summary>
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

    /// <summary>
    /// Edits from one word to the other, a swap of two neighbouring letters counting as one ("preveiw" is one edit
    /// from "preview"): the optimal string alignment distance. Gives up, returning <paramref name="limit"/>, once it
    /// cannot be below it, and at once for words over 256 characters, so a megabyte of input costs nothing.
    /// </summary>
    public static int Distance(string a, string b, int limit = int.MaxValue)
    {
        if (a.Length > 256 || b.Length > 256)
            return limit;
        Span<int> beforePrevious = stackalloc int[b.Length + 1];
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
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                rowMin = Math.Min(rowMin, current[j]);
            }
            // No row's minimum is below the one before it, so the distance cannot come back under the limit.
            if (rowMin >= limit)
                return limit;
            previous.CopyTo(beforePrevious);
            current.CopyTo(previous);
        }
        return previous[b.Length];
    }
}

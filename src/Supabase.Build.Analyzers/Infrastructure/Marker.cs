namespace Supabase.Build.Analyzers.Infrastructure;

/// <summary>A string a rule's findings always contain, and how to compare it (ordinal, or ordinal ignoring case).</summary>
internal readonly struct Marker(string text, System.StringComparison comparison = System.StringComparison.Ordinal)
{
    private readonly char[] _firstCharacters = [char.ToLowerInvariant(text[0]), char.ToUpperInvariant(text[0])];

    public string Text { get; } = text;

    public System.StringComparison Comparison { get; } = comparison;

    /// <summary>
    /// The next occurrence in <paramref name="text"/> at or after <paramref name="start"/>, or -1. Case-insensitive
    /// markers are found by their first character in either case (a vectorised ordinal search), then compared, which
    /// is several times faster than a case-insensitive IndexOf over a whole file.
    /// </summary>
    public int IndexIn(string text, int start)
    {
        if (Comparison != System.StringComparison.OrdinalIgnoreCase)
        {
            return start > text.Length ? -1 : text.IndexOf(Text, start, Comparison);
        }

        for (var at = start < text.Length ? text.IndexOfAny(_firstCharacters, start) : -1; at >= 0; at = at + 1 < text.Length ? text.IndexOfAny(_firstCharacters, at + 1) : -1)
        {
            if (at + Text.Length <= text.Length && string.Compare(text, at, Text, 0, Text.Length, System.StringComparison.OrdinalIgnoreCase) == 0)
            {
                return at;
            }
        }

        return -1;
    }
}

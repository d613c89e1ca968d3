namespace Supabase.Build.Analyzers.Detection;

/// <summary>
/// One secret in a string: where it is (offsets in the string's value) and what may be shown of it. The secret itself is
/// never kept here beyond its bounds, and <see cref="Display"/> holds at most a short, non-secret prefix.
/// </summary>
internal readonly struct SecretFinding(SecretKind kind, int start, int length, string display)
{
    public SecretKind Kind { get; } = kind;

    public int Start { get; } = start;

    public int Length { get; } = length;

    /// <summary>What a message may show: a well-known prefix with a few characters (<c>sb_secret_Ab12…</c>), or a host name.</summary>
    public string Display { get; } = display;

    public int End => Start + Length;

    /// <summary>Whether the finding covers the whole string (ignoring surrounding whitespace).</summary>
    public bool IsWhole(string value)
    {
        for (var i = 0; i < Start; i++)
        {
            if (!char.IsWhiteSpace(value[i]))
            {
                return false;
            }
        }

        for (var i = End; i < value.Length; i++)
        {
            if (!char.IsWhiteSpace(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="prefixLength"/> characters of a token (never more than the token), then an ellipsis.</summary>
    public static string Prefix(string value, int start, int prefixLength, int tokenLength) =>
        value.Substring(start, System.Math.Min(prefixLength, tokenLength)) + "…";
}

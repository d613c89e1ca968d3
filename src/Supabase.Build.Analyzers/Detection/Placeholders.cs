namespace Supabase.Build.Analyzers.Detection;

/// <summary>
/// Values that stand for a secret without being one: <c>your-service-role-key</c>, <c>&lt;SERVICE_ROLE_KEY&gt;</c>,
/// <c>[YOUR-PASSWORD]</c>, <c>${DB_PASSWORD}</c>, <c>xxxxxxxx</c>, <c>********</c>, <c>changeme</c>. Such values are never
/// reported.
/// </summary>
internal static class Placeholders
{
    private static readonly string[] Words =
    [
        "your", "example", "placeholder", "changeme", "change-me", "change_me", "replace", "redacted", "dummy",
        "insert", "todo", "xxxx", "****", "...", "…",
        // Template and format holes: {0}, %s, ${VAR}, $(Property), {{ var }}, #{Octopus}.
        "{0}", "{1}", "%s", "${", "$(", "{{", "#{",
    ];

    // <KEY>, [YOUR-PASSWORD], {password}, %PASSWORD%, __TOKEN__
    private static readonly (string Open, string Close)[] Wrappers = [("<", ">"), ("[", "]"), ("{", "}"), ("%", "%"), ("__", "__")];

    public static bool IsPlaceholder(string value, int start, int length)
    {
        var text = value.Substring(start, length).Trim();
        if (text.Length == 0)
        {
            return true;
        }

        foreach (var (open, close) in Wrappers)
        {
            if (text.Length > open.Length + close.Length
                && text.StartsWith(open, System.StringComparison.Ordinal)
                && text.EndsWith(close, System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var word in Words)
        {
            if (text.IndexOf(word, System.StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return HasLowVariety(text);
    }

    public static bool IsPlaceholder(string value) => IsPlaceholder(value, 0, value.Length);

    /// <summary>Fewer than 5 distinct characters (<c>aaaaaaaa</c>, <c>0000-0000</c>, <c>abababab</c>) is not a real secret.</summary>
    private static bool HasLowVariety(string text)
    {
        var seen = new System.Collections.Generic.HashSet<char>();
        foreach (var c in text)
        {
            if (seen.Add(char.ToLowerInvariant(c)) && seen.Count >= 5)
            {
                return false;
            }
        }

        return true;
    }
}

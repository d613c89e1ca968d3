namespace Supabase.Build.Analyzers.Infrastructure;

/// <summary>What every SB3xxx descriptor shares.</summary>
internal static class RuleInfo
{
    public const string Category = "Security";

    /// <summary>The help page of a rule: <c>docs/rules/&lt;ID&gt;.md</c>, as for every Supabase.Build diagnostic.</summary>
    public static string HelpLink(string id) => "https://github.com/supabase-build/Supabase.Build/blob/main/docs/rules/" + id + ".md";
}

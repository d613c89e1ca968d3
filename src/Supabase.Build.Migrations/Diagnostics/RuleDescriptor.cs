namespace Supabase.Build.Migrations.Diagnostics;

/// <summary>
/// The stable identity of a diagnostic: id (SB1003), kebab-case name, default severity, a one-line title,
/// and the name of squawk's twin rule when there is one (so <c>-- squawk-ignore</c> comments keep working).
/// </summary>
public sealed record RuleDescriptor(string Id, string Name, DiagnosticSeverity DefaultSeverity, string Title, string? SquawkName = null)
{
    /// <summary>Every id's help page lives in docs/rules of the repository.</summary>
    public const string HelpLinkBase = "https://github.com/supabase-build/Supabase.Build/blob/main/docs/rules/";

    public string HelpLink => HelpLinkBase + Id + ".md";

    /// <summary>More squawk rule names this rule answers to (squawk splits some checks differently).</summary>
    public IReadOnlyList<string> OtherSquawkNames { get; init; } = Array.Empty<string>();

    /// <summary>False for an opt-in rule: it runs only when named in LintOptions.IncludedRules (squawk's --include).</summary>
    public bool IsEnabledByDefault { get; init; } = true;

    /// <summary>True when <paramref name="idOrName"/> names this rule by id, name or squawk twin (case-insensitive).</summary>
    public bool IsNamedBy(string idOrName) =>
        string.Equals(idOrName, Id, StringComparison.OrdinalIgnoreCase)
        || string.Equals(idOrName, Name, StringComparison.OrdinalIgnoreCase)
        || (SquawkName is not null && string.Equals(idOrName, SquawkName, StringComparison.OrdinalIgnoreCase))
        || OtherSquawkNames.Any(other => string.Equals(idOrName, other, StringComparison.OrdinalIgnoreCase));
}

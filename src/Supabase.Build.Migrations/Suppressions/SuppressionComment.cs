using System.Text.RegularExpressions;

namespace Supabase.Build.Migrations.Suppressions;

/// <summary>
/// One suppression comment: <c>-- supabase-lint-ignore SB1003, ban-drop-table: reason</c> for the next statement,
/// <c>-- supabase-lint-ignore-file SB1004</c> for the whole file, and squawk's <c>-- squawk-ignore rule-name</c> /
/// <c>-- squawk-ignore-file rule-name</c>. Rules are named by id or name, separated by commas or spaces; text after
/// a colon is the reason. No rules named means every rule.
/// </summary>
internal sealed record SuppressionComment(bool IsFileLevel, IReadOnlyList<string> Rules, bool IsSquawk = false)
{
    private static readonly Regex Directive = new(
        @"^\s*(?:--|/\*)\s*(?<tool>supabase-lint|squawk)-ignore(?<file>-file)?(?=\s|$|\*/|:)(?<rules>[^:]*?)(?::.*)?(?:\*/)?\s*$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline);

    private static readonly char[] Separators = { ',', ' ', '\t', '\r', '\n' };

    public bool Covers(Diagnostics.RuleDescriptor rule) => Rules.Count == 0 || Rules.Any(rule.IsNamedBy);

    public static SuppressionComment? TryParse(string comment)
    {
        var match = Directive.Match(comment);
        if (!match.Success)
        {
            return null;
        }

        var rules = match.Groups["rules"].Value
            .Replace("*/", " ", StringComparison.Ordinal)
            .Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        return new SuppressionComment(match.Groups["file"].Success, rules, match.Groups["tool"].Value.Equals("squawk", StringComparison.OrdinalIgnoreCase));
    }
}

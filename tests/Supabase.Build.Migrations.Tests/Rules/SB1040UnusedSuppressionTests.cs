using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1040UnusedSuppressionTests
{
    private static List<MigrationDiagnostic> Lint(string sql, LintOptions? options = null)
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_m.sql", sql);
        return workspace.Lint(RuleRegistry.All, options).Diagnostics.Where(d => d.Id == "SB1040").ToList();
    }

    [Fact]
    public void A_suppression_with_nothing_to_suppress_is_info_at_the_comment()
    {
        var diagnostic = Assert.Single(Lint("select 1;\n-- supabase-lint-ignore SB1003: old reason\nselect 2;"));

        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal(2, diagnostic.Span.Start.Line);
        Assert.Contains("suppresses nothing", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelled_rule_name_is_reported() =>
        Assert.Contains("names no rule", Assert.Single(Lint("-- supabase-lint-ignore require-concurent-index-creation\ncreate index i on t (a);")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("-- supabase-lint-ignore SB1003: lookup table\ncreate index concurrently_not i on t (a);")]
    [InlineData("-- supabase-lint-ignore-file SB1003\ncreate index i on t (a);")]
    // squawk's own comments for rules this tool does not have are squawk's business.
    [InlineData("-- squawk-ignore ban-alter-policy-roles\nselect 1;")]
    public void Used_suppressions_and_foreign_squawk_names_are_fine(string sql) => Assert.Empty(Lint(sql));

    [Fact]
    public void A_suppression_of_a_rule_turned_off_is_not_reported() =>
        Assert.Empty(Lint("-- supabase-lint-ignore SB1003\nselect 1;", new LintOptions { DisabledRules = new[] { "SB1003" } }));
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1034RequireEnumValueOrderingTests
{
    private static readonly SB1034RequireEnumValueOrdering Rule = new();

    [Theory]
    [InlineData("alter type status add value 'pending_review';")]
    [InlineData("alter type status add value if not exists 'pending_review';")]
    public void Add_value_without_a_place_is_info(string sql) => Assert.Equal(DiagnosticSeverity.Info, Assert.Single(RuleTest.Findings(Rule, sql)).Severity);

    [Theory]
    [InlineData("alter type status add value 'pending_review' before 'approved';")]
    [InlineData("alter type status add value 'pending_review' after 'submitted';")]
    [InlineData("alter type status rename value 'a' to 'b';")]
    public void Placed_values_and_renames_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

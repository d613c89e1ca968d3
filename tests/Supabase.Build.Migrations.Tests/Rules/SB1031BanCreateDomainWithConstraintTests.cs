using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1031BanCreateDomainWithConstraintTests
{
    private static readonly SB1031BanCreateDomainWithConstraint Rule = new();

    [Fact]
    public void A_domain_with_a_check_is_flagged() => Assert.Single(RuleTest.Findings(Rule, "create domain email as text check (value ~ '@');"));

    [Theory]
    [InlineData("create domain email as text;")]
    [InlineData("create domain email as text not null;")]
    [InlineData("create table t (e text check (e ~ '@'));")]
    public void Domains_without_a_check_and_column_checks_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1032BanAlterDomainWithAddConstraintTests
{
    private static readonly SB1032BanAlterDomainWithAddConstraint Rule = new();

    [Theory]
    [InlineData("alter domain email add constraint has_at check (value ~ '@');", "checks every column")]
    [InlineData("alter domain email add constraint has_at check (value ~ '@') not valid;", "VALIDATE")]
    public void Adding_a_domain_constraint_is_flagged(string sql, string says) =>
        Assert.Contains(says, Assert.Single(RuleTest.Findings(Rule, sql)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("alter domain email drop constraint has_at;")]
    [InlineData("alter domain email validate constraint has_at;")]
    public void Other_domain_changes_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

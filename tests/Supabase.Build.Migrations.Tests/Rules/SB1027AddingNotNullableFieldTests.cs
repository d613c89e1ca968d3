using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1027AddingNotNullableFieldTests
{
    private static readonly SB1027AddingNotNullableField Rule = new();

    [Fact]
    public void Domain_set_not_null_is_an_error() => Assert.Single(RuleTest.Findings(Rule, "alter domain email set not null;"));

    [Theory]
    [InlineData("alter domain email drop not null;")]
    [InlineData("alter table t alter column c set not null;")]
    public void Other_statements_are_not_this_rule(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1011DisallowedUniqueConstraintTests
{
    private static readonly SB1011DisallowedUniqueConstraint Rule = new();

    [Fact]
    public void Unique_constraint_on_an_existing_table_is_rewritten_to_an_index_built_concurrently()
    {
        const string Sql = "alter table profiles add constraint profiles_email_key unique (email);";
        Assert.Single(RuleTest.Findings(Rule, Sql));

        Assert.Equal(
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS profiles_email_key ON profiles (email);\nALTER TABLE profiles ADD CONSTRAINT profiles_email_key UNIQUE USING INDEX profiles_email_key;",
            RuleTest.ApplyFix(Rule, Sql));
    }

    [Fact]
    public void An_unnamed_constraint_gets_postgres_default_name() =>
        Assert.StartsWith("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a_b_key ON t (a, b);", RuleTest.ApplyFix(Rule, "alter table t add unique (a, b);"), StringComparison.Ordinal);

    [Theory]
    [InlineData("alter table t add constraint k unique using index k_idx;")]
    [InlineData("create table t (a int); alter table t add constraint k unique (a);")]
    [InlineData("create table t (a int unique);")]
    public void Using_index_and_new_tables_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));

    [Theory]
    [InlineData("alter table t add constraint k unique (a) deferrable;")]
    [InlineData("alter table t add constraint k unique (a) include (b);")]
    [InlineData("alter table t add constraint k unique (a), add column c int;")]
    public void No_fix_for_options_an_index_cannot_carry_or_several_commands(string sql) => Assert.Null(Assert.Single(RuleTest.Findings(Rule, sql)).Fix);

    [Fact]
    public void A_new_unique_column_is_flagged() => Assert.Single(RuleTest.Findings(Rule, "alter table t add column code text unique;"));
}

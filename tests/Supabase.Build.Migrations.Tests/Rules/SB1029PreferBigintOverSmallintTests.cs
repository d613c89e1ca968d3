using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1029PreferBigintOverSmallintTests
{
    private static readonly SB1029PreferBigintOverSmallint Rule = new();

    [Theory]
    [InlineData("create table t (id smallint primary key);")]
    [InlineData("create table t (id smallserial primary key);")]
    [InlineData("create table t (kind_id smallint references kinds (id));")]
    public void Smallint_keys_are_warnings(string sql) => Assert.Single(RuleTest.Findings(Rule, sql));

    [Theory]
    [InlineData("create table t (id bigint primary key, priority smallint);")]
    [InlineData("alter table t add column rank smallint;")]
    public void Smallint_values_that_are_not_keys_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

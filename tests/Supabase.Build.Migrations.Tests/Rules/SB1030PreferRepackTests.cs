using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1030PreferRepackTests
{
    private static readonly SB1030PreferRepack Rule = new();

    [Theory]
    [InlineData("vacuum full orders;")]
    [InlineData("vacuum (full, analyze) orders;")]
    [InlineData("vacuum full;")]
    [InlineData("cluster orders using orders_pkey;")]
    [InlineData("cluster;")]
    public void Table_rewrites_under_access_exclusive_are_errors(string sql) => Assert.Single(RuleTest.Findings(Rule, sql));

    [Theory]
    [InlineData("vacuum orders;")]
    [InlineData("vacuum (analyze) orders;")]
    [InlineData("vacuum (full false) orders;")]
    [InlineData("create table t (a int); cluster t using t_a;")]
    public void Plain_vacuum_and_new_tables_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

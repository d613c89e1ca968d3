using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1026PreferTimestampTzTests
{
    private static readonly SB1026PreferTimestampTz Rule = new();

    [Theory]
    [InlineData("create table t (at timestamp);", "create table t (at timestamptz);")]
    [InlineData("create table t (at timestamp(3) without time zone not null);", "create table t (at timestamptz(3) not null);")]
    [InlineData("alter table t add column at TIMESTAMP WITHOUT TIME ZONE default now();", "alter table t add column at timestamptz default now();")]
    public void Timestamp_without_time_zone_is_flagged_and_fixed(string sql, string fixedSql)
    {
        Assert.Single(RuleTest.Findings(Rule, sql));
        Assert.Equal(fixedSql, RuleTest.ApplyFix(Rule, sql));
        Assert.Empty(RuleTest.Findings(Rule, fixedSql));
    }

    [Fact]
    public void A_type_change_to_timestamp_is_flagged_without_a_fix() =>
        Assert.Null(Assert.Single(RuleTest.Findings(Rule, "alter table t alter column at type timestamp;")).Fix);

    [Theory]
    [InlineData("create table t (at timestamptz, b timestamp with time zone, d date);")]
    [InlineData("select now()::timestamp;")]
    public void Timestamptz_and_casts_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

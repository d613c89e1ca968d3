using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1013ChangingColumnTypeTests
{
    private static readonly SB1013ChangingColumnType Rule = new();

    [Theory]
    [InlineData("varchar(20)", "varchar(50)")]
    [InlineData("varchar(20)", "varchar(20)")]
    [InlineData("varchar(20)", "text")]
    [InlineData("varchar(20)", "varchar")]
    [InlineData("text", "varchar")]
    [InlineData("numeric(10,2)", "numeric(12,2)")]
    [InlineData("numeric(10,2)", "numeric")]
    [InlineData("cidr", "inet")]
    [InlineData("timestamptz(3)", "timestamptz(6)")]
    public void Changes_postgres_makes_without_a_rewrite_are_fine_given_the_history(string before, string after) =>
        Assert.Empty(RuleTest.History(Rule, null, $"create table profiles (id bigint, name {before});", $"alter table profiles alter column name type {after};"));

    [Theory]
    [InlineData("varchar(50)", "varchar(20)")]
    [InlineData("text", "varchar(20)")]
    [InlineData("numeric(10,2)", "numeric(10,4)")]
    [InlineData("timestamp", "timestamptz")]
    public void Rewrites_are_errors_that_name_the_old_type(string before, string after)
    {
        var diagnostic = Assert.Single(RuleTest.History(Rule, null, $"create table profiles (id bigint, name {before});", $"alter table profiles alter column name type {after};"));

        Assert.Contains("rewrites the table", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(" from ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int", "bigint")]
    [InlineData("varchar(20)", "uuid")]
    [InlineData("text", "jsonb")]
    public void A_change_to_a_type_no_cast_reaches_without_a_rewrite_needs_no_history(string before, string after) =>
        Assert.Contains("rewrites the table", Assert.Single(RuleTest.History(Rule, null, $"create table profiles (id bigint, name {before});", $"alter table profiles alter column name type {after};")).Message, StringComparison.Ordinal);

    [Fact]
    public void A_using_clause_always_rewrites() =>
        Assert.Single(RuleTest.History(Rule, null, "create table t (id bigint, n varchar(20));", "alter table t alter column n type text using trim(n);"));

    [Fact]
    public void Without_history_the_change_is_flagged_and_says_the_old_type_is_unknown() =>
        Assert.Contains("does not show its current type", Assert.Single(RuleTest.Findings(Rule, "alter table profiles alter column name type text;")).Message, StringComparison.Ordinal);

    [Fact]
    public void Tables_created_in_the_same_file_are_fine() =>
        Assert.Empty(RuleTest.Findings(Rule, "create table t (n int); alter table t alter column n type bigint;"));

    [Theory]
    [InlineData(3)]
    [InlineData(80)] // long enough to be replayed on a thread of its own, beside the parse
    public void The_history_is_followed_however_long(int files)
    {
        var history = new[] { "create table t (id bigint, n varchar(20), m varchar(50));" }
            .Concat(Enumerable.Range(0, files - 2).Select(i => $"create table filler_{i} (id bigint);"))
            .Append("alter table t alter column n type varchar(40), alter column m type varchar(10);")
            .ToArray();

        var diagnostic = Assert.Single(RuleTest.History(Rule, null, history));

        Assert.Contains("'t.m'", diagnostic.Message, StringComparison.Ordinal); // n grows (no rewrite), m shrinks (a rewrite)
    }

    [Fact]
    public void The_type_is_followed_through_earlier_changes() =>
        Assert.Single(RuleTest.History(Rule, null, "create table t (id bigint, n varchar(50));", "alter table t alter column n type varchar(100);", "alter table t alter column n type varchar(80);"));
}

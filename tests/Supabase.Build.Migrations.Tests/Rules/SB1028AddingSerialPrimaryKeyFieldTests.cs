using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1028AddingSerialPrimaryKeyFieldTests
{
    private static readonly SB1028AddingSerialPrimaryKeyField Rule = new();

    [Theory]
    [InlineData("alter table items add column id bigserial primary key;", "rewriting")]
    [InlineData("alter table items add column id bigint generated always as identity primary key;", "rewriting")]
    [InlineData("alter table items add column code text primary key;", "primary key index")]
    public void A_new_primary_key_column_on_an_existing_table_is_an_error(string sql, string says) =>
        Assert.Contains(says, Assert.Single(RuleTest.Findings(Rule, sql)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("create table items (name text); alter table items add column id bigserial primary key;")]
    [InlineData("alter table items add column id bigserial;")]
    public void New_tables_and_plain_columns_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

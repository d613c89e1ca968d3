using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1009AddingRequiredFieldTests
{
    private static readonly SB1009AddingRequiredField Rule = new();

    [Theory]
    [InlineData("alter table profiles add column plan text not null;")]
    [InlineData("alter table profiles add column if not exists plan text not null;")]
    [InlineData("alter table profiles add column code int primary key;")]
    public void Not_null_without_a_default_on_an_existing_table_is_an_error(string sql) => Assert.Single(RuleTest.Findings(Rule, sql));

    [Theory]
    [InlineData("alter table profiles add column plan text not null default 'free';")]
    [InlineData("alter table profiles add column plan text;")]
    [InlineData("alter table profiles add column n bigint generated always as identity not null;")]
    [InlineData("alter table profiles add column n bigserial not null;")]
    [InlineData("alter table profiles add column total numeric generated always as (a + b) stored not null;")]
    [InlineData("create table profiles (id uuid); alter table profiles add column plan text not null;")]
    public void Defaults_generated_values_and_new_tables_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

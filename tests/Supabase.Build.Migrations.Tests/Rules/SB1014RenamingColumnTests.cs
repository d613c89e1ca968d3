using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1014RenamingColumnTests
{
    private static readonly SB1014RenamingColumn Rule = new();

    [Theory]
    [InlineData("alter table profiles rename column name to full_name;")]
    [InlineData("alter table public.profiles rename name to full_name;")]
    [InlineData("alter view profile_view rename column name to full_name;")]
    public void Renaming_a_column_in_use_is_an_error(string sql) => Assert.Contains("full_name", Assert.Single(RuleTest.Findings(Rule, sql)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("create table profiles (name text); alter table profiles rename column name to full_name;")]
    [InlineData("alter table profiles rename constraint a to b;")]
    [InlineData("alter index i rename to j;")]
    public void New_tables_and_other_renames_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

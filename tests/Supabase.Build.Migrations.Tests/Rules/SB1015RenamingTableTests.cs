using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1015RenamingTableTests
{
    private static readonly SB1015RenamingTable Rule = new();

    [Theory]
    [InlineData("alter table profiles rename to members;")]
    [InlineData("alter table if exists public.profiles rename to members;")]
    [InlineData("alter view active_profiles rename to active_members;")]
    public void Renaming_a_table_or_view_in_use_is_an_error(string sql) => Assert.Single(RuleTest.Findings(Rule, sql));

    [Theory]
    [InlineData("create table profiles (id int); alter table profiles rename to members;")]
    [InlineData("alter table profiles rename column a to b;")]
    [InlineData("alter sequence s rename to t;")]
    public void New_tables_and_other_renames_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1019BanDropDatabaseTests
{
    private static readonly SB1019BanDropDatabase Rule = new();

    [Theory]
    [InlineData("drop database app;")]
    [InlineData("drop database if exists app;")]
    [InlineData("do $$ begin execute 'drop database app'; end $$;")]
    public void Drop_database_is_an_error_also_in_a_do_block(string sql) => Assert.Single(RuleTest.Findings(Rule, sql));

    [Theory]
    [InlineData("drop table if exists app;")]
    [InlineData("select 'drop database app';")]
    [InlineData("-- drop database app;\nselect 1;")]
    public void Other_drops_strings_and_comments_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1020BanDropSchemaTests
{
    private static readonly SB1020BanDropSchema Rule = new();

    [Theory]
    [InlineData("drop schema private;", "DROP SCHEMA private")]
    [InlineData("drop schema if exists private cascade;", "every table")]
    [InlineData("create function f() returns void language plpgsql as $$ begin drop schema legacy cascade; end $$;", "inside the function")]
    public void Drop_schema_is_an_error(string sql, string says) =>
        Assert.Contains(says, Assert.Single(RuleTest.Findings(Rule, sql)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("create schema staging; drop schema staging cascade;")]
    [InlineData("drop table private.t;")]
    public void A_schema_created_in_the_same_file_and_other_drops_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1038BanDuplicateColumnAssignmentsTests
{
    private static readonly SB1038BanDuplicateColumnAssignments Rule = new();

    [Theory]
    [InlineData("update t set a = 1, a = 2;")]
    [InlineData("update t set a = 1, (a, b) = (2, 3);")]
    [InlineData("insert into t (a, b, a) values (1, 2, 3);")]
    [InlineData("insert into t (a) values (1) on conflict (a) do update set b = 1, b = 2;")]
    [InlineData("create function f() returns void language plpgsql as $$ begin update t set a = 1, a = 2; end $$;")]
    [InlineData("create function f() returns void language sql as $$ update t set a = 1, a = 2 $$;")]
    public void Assigning_a_column_twice_is_an_error(string sql) => Assert.Single(RuleTest.Findings(Rule, sql));

    [Theory]
    [InlineData("update t set a = 1, b = 2;")]
    [InlineData("insert into t (a, b) values (1, 2);")]
    [InlineData("update t set a = a + 1 where a = 1;")]
    public void Single_assignments_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

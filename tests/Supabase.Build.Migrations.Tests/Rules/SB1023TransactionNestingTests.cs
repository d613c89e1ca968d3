using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1023TransactionNestingTests
{
    private static readonly SB1023TransactionNesting Rule = new();

    [Fact]
    public void Begin_and_commit_are_flagged_and_the_fix_removes_them()
    {
        const string Sql = "begin;\nalter table t add column c int;\ncommit;\n";
        Assert.Equal(2, RuleTest.Findings(Rule, Sql).Count);

        Assert.Equal("alter table t add column c int;\n", RuleTest.ApplyFix(Rule, Sql));
    }

    [Theory]
    [InlineData("start transaction; select 1; end;", 2)]
    [InlineData("begin; begin; commit;", 3)]
    [InlineData("select 1; rollback;", 1)]
    public void Every_transaction_boundary_is_flagged(string sql, int count) => Assert.Equal(count, RuleTest.Findings(Rule, sql).Count);

    [Theory]
    [InlineData("savepoint a; select 1; rollback to savepoint a; release savepoint a;")]
    [InlineData("create function f() returns void language plpgsql as $$ begin commit; end $$;")]
    public void Savepoints_and_bodies_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1033BanUncommittedTransactionTests
{
    private static readonly SB1033BanUncommittedTransaction Rule = new();

    [Fact]
    public void A_begin_never_closed_is_an_error_with_a_commit_fix()
    {
        const string Sql = "begin;\nalter table t add column c int;";
        Assert.Equal(1, Assert.Single(RuleTest.Findings(Rule, Sql)).Span.Start.Line);
        Assert.Equal("begin;\nalter table t add column c int;\nCOMMIT;\n", RuleTest.ApplyFix(Rule, Sql));
    }

    [Theory]
    [InlineData("begin; select 1; commit;")]
    [InlineData("begin; select 1; rollback;")]
    [InlineData("start transaction; select 1; end;")]
    [InlineData("select 1;")]
    public void Closed_or_absent_transactions_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

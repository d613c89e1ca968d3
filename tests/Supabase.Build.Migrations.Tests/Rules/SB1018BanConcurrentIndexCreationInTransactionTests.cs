using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1018BanConcurrentIndexCreationInTransactionTests
{
    private static readonly SB1018BanConcurrentIndexCreationInTransaction Rule = new();

    [Theory]
    [InlineData("begin;\ncreate index concurrently i on t (a);\ncommit;")]
    [InlineData("start transaction;\ndrop index concurrently i;\ncommit;")]
    [InlineData("begin;\nreindex table concurrently t;\ncommit;")]
    [InlineData("begin;\nalter table p detach partition c concurrently;\ncommit;")]
    public void Concurrently_inside_begin_commit_fails(string sql)
    {
        var diagnostic = Assert.Single(RuleTest.Findings(Rule, sql));
        Assert.Equal(2, diagnostic.Span.Start.Line);
        Assert.Contains("line 1", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create index concurrently i on t (a);")]
    [InlineData("begin; select 1; commit; create index concurrently i on t (a);")]
    [InlineData("begin; create index i on t (a); commit;")]
    public void Outside_a_block_or_without_concurrently_is_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1006RequireConcurrentReindexTests
{
    private static readonly SB1006RequireConcurrentReindex Rule = new();

    [Theory]
    [InlineData("reindex index profiles_email;", "reindex index CONCURRENTLY profiles_email;")]
    [InlineData("reindex table public.profiles;", "reindex table CONCURRENTLY public.profiles;")]
    [InlineData("REINDEX (VERBOSE) SCHEMA app;", "REINDEX (VERBOSE) SCHEMA CONCURRENTLY app;")]
    public void Reindex_without_concurrently_is_flagged_and_fixed(string sql, string fixedSql)
    {
        Assert.Single(RuleTest.Findings(Rule, sql));
        Assert.Equal(fixedSql, RuleTest.ApplyFix(Rule, sql));
        Assert.Empty(RuleTest.Findings(Rule, fixedSql));
    }

    [Theory]
    [InlineData("reindex table concurrently profiles;")]
    [InlineData("reindex (concurrently) index i;")]
    [InlineData("reindex system postgres;")]
    [InlineData("create table t (a int); reindex table t;")]
    public void Concurrent_system_or_new_is_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

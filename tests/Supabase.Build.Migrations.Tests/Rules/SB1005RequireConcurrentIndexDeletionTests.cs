using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1005RequireConcurrentIndexDeletionTests
{
    private static readonly SB1005RequireConcurrentIndexDeletion Rule = new();

    [Fact]
    public void Drop_index_on_an_existing_table_is_a_warning_with_a_concurrently_fix()
    {
        var diagnostic = Assert.Single(RuleTest.Findings(Rule, "select 1;\ndrop index if exists public.profiles_email;"));

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(2, diagnostic.Span.Start.Line);
        Assert.Contains("CONCURRENTLY", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("select 1;\ndrop index CONCURRENTLY if exists public.profiles_email;", RuleTest.ApplyFix(Rule, "select 1;\ndrop index if exists public.profiles_email;"));
    }

    [Theory]
    [InlineData("drop index concurrently if exists i;")]
    [InlineData("create table t (a int); create index t_a on t (a); drop index t_a;")]
    [InlineData("create temp table s (a int); create index s_a on s (a); drop index s_a;")]
    [InlineData("drop table if exists t;")]
    // supabase db diff: the constraint took its index with it, so the DROP INDEX IF EXISTS finds nothing (and locks nothing).
    [InlineData("alter table orgs drop constraint orgs_pkey;\ndrop index if exists public.orgs_pkey;")]
    public void Concurrent_or_new_indexes_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));

    [Theory]
    [InlineData("drop index a, b;")]
    [InlineData("drop index a cascade;")]
    [InlineData("begin; drop index a; commit;")]
    public void No_fix_where_concurrently_does_not_apply(string sql) => Assert.Null(Assert.Single(RuleTest.Findings(Rule, sql)).Fix);

    [Fact]
    public void An_index_created_here_on_an_old_table_still_locks_that_table() =>
        Assert.Single(RuleTest.Findings(Rule, "create index t_a on t (a); drop index t_a;"));
}

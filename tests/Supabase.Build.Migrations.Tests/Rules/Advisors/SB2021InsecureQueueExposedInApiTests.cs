using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2021InsecureQueueExposedInApiTests
{
    private static readonly SB2021InsecureQueueExposedInApi Rule = new();

    private static readonly LintOptions QueuesExposed = new() { ExposedSchemas = new[] { "public", "pgmq_public" } };

    // What pgmq.create('jobs') makes, written out (the replay does not run pgmq's functions).
    private const string Queue = "create schema if not exists pgmq; create table pgmq.q_jobs (msg_id bigint primary key, message jsonb); create table pgmq.a_jobs (msg_id bigint primary key, message jsonb);\n";

    [Fact]
    public void Queue_tables_anon_may_select_without_rls_are_errors_when_queues_are_exposed()
    {
        var findings = SchemaRuleTest.Findings(Rule, QueuesExposed, Queue, "grant select, insert, update, delete on all tables in schema pgmq to anon, authenticated;");

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(DiagnosticSeverity.Error, f.Severity));
        Assert.Equal(new[] { "m0:1", "m0:1" }, SchemaRuleTest.Places(findings));
        Assert.Contains(findings, f => f.Message.Contains("pgmq.q_jobs", StringComparison.Ordinal));
    }

    [Fact]
    public void Exposing_the_pgmq_schema_itself_counts_too()
    {
        var options = new LintOptions { ExposedSchemas = new[] { "public", "pgmq" } };

        Assert.Single(SchemaRuleTest.Findings(Rule, options, Queue + "grant select on pgmq.q_jobs to authenticated;"));
    }

    [Theory]
    [InlineData("grant select on all tables in schema pgmq to anon; alter table pgmq.q_jobs enable row level security; alter table pgmq.a_jobs enable row level security;")]
    [InlineData("grant select on pgmq.q_jobs to service_role;")]
    [InlineData("grant select on all tables in schema pgmq to anon; revoke select on pgmq.q_jobs, pgmq.a_jobs from anon;")]
    [InlineData("create table pgmq.meta (queue_name text); grant select on pgmq.meta to anon;")]
    [InlineData("grant select on all tables in schema pgmq to anon; drop table pgmq.q_jobs; drop table pgmq.a_jobs;")]
    public void Protected_ungranted_or_other_tables_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, QueuesExposed, Queue, sql));

    [Fact]
    public void Without_the_queues_in_the_api_nothing_is_reported() =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, Queue, "grant select on all tables in schema pgmq to anon;"));
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2002PolicyExistsRlsDisabledTests
{
    private static readonly SB2002PolicyExistsRlsDisabled Rule = new();

    [Fact]
    public void A_policy_on_a_table_without_rls_is_an_error_at_the_create_table()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create table public.todos (id int, owner uuid);",
            "create policy \"own todos\" on public.todos for select using ((select auth.uid()) = owner);");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.Equal(new[] { "m0:1" }, SchemaRuleTest.Places(findings));
        Assert.Contains("\"own todos\"", finding.Message, StringComparison.Ordinal);
        Assert.Contains("enable row level security", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Private_schemas_count_too_the_policies_are_dead_there_as_well()
    {
        Assert.Single(SchemaRuleTest.Findings(Rule, "create schema private; create table private.t (id int); create policy p on private.t using (true);"));
    }

    [Theory]
    [InlineData("create table t (id int); create policy p on t using (true);", "alter table public.t enable row level security;")]
    [InlineData("create table t (id int); create policy p on t using (true);", "drop policy p on t;")]
    [InlineData("create table t (id int); create policy p on t using (true);", "drop table public.t;")]
    [InlineData("create table \"Todos\" (id int); create policy p on \"Todos\" using (true);", "alter table public.\"Todos\" enable row level security;")]
    [InlineData("create table t (id int);", "create policy p on auth.users using (true);")] // the platform's table
    public void Rls_enabled_later_policies_dropped_or_tables_dropped_are_fine(string first, string second) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, first, second));

    [Fact]
    public void A_policy_dropped_and_created_again_on_a_table_without_rls_is_reported_once()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create table t (id int);\ncreate policy p on t using (true);",
            "drop policy p on t;",
            "create policy p on t using (id > 0); create policy q on t for insert with check (true);");

        Assert.Equal(new[] { "m0:1" }, SchemaRuleTest.Places(findings));
    }

    [Fact]
    public void Quoted_table_names_are_not_folded()
    {
        // RLS is enabled on todos, but the policy is on "Todos", a different table.
        var findings = SchemaRuleTest.Findings(Rule,
            "create table todos (id int); create table \"Todos\" (id int); create policy p on \"Todos\" using (true);",
            "alter table todos enable row level security;");

        Assert.Contains("\"Todos\"", Assert.Single(findings).Message, StringComparison.Ordinal);
    }
}

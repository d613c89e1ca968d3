using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2003RlsEnabledNoPolicyTests
{
    private static readonly SB2003RlsEnabledNoPolicy Rule = new();

    [Fact]
    public void Rls_without_a_policy_is_info_at_the_create_table()
    {
        var findings = SchemaRuleTest.Findings(Rule, "-- notes\ncreate table public.notes (id int);", "alter table public.notes enable row level security;");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Info, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains("public.notes", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_policies_dropped_brings_it_back()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create table t (id int); alter table t enable row level security; create policy p on t using (true);",
            "drop policy p on public.t;");

        Assert.Single(findings);
    }

    [Theory]
    [InlineData("create table t (id int); alter table t enable row level security;", "create policy p on public.t for select using (true);")]
    [InlineData("create table t (id int); alter table t enable row level security;", "drop policy if exists p on t; create policy p on t using (true);")]
    [InlineData("create table t (id int); alter table t enable row level security;", "drop table t;")]
    [InlineData("create table t (id int); alter table t enable row level security;", "alter table t disable row level security;")]
    [InlineData("create table \"T\" (id int); alter table \"T\" enable row level security;", "create policy p on public.\"T\" using (true);")]
    [InlineData("create table t (id int);", "select 1;")]
    public void A_policy_later_a_dropped_table_or_no_rls_is_fine(string first, string second) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, first, second));

    [Fact]
    public void The_platform_schemas_are_not_the_projects()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule, "create table storage.extra (id int); alter table storage.extra enable row level security;"));
    }

    [Fact]
    public void A_policy_on_a_quoted_twin_does_not_count()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create table t (id int); create table \"T\" (id int); alter table t enable row level security;",
            "create policy p on \"T\" using (true);");

        Assert.Contains("public.t ", Assert.Single(findings).Message, StringComparison.Ordinal);
    }
}

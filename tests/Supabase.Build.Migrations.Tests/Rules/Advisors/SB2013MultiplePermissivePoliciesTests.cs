using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2013MultiplePermissivePoliciesTests
{
    private static readonly SB2013MultiplePermissivePolicies Rule = new();

    private const string Table = "create table items (id int, owner uuid, shared bool); alter table items enable row level security;\n";

    [Fact]
    public void Two_select_policies_for_one_role_are_one_info_at_the_table()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            Table + "create policy \"own\" on items for select to authenticated using (owner = (select auth.uid()));",
            "create policy \"shared\" on public.items for select to authenticated using (shared);");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Info, finding.Severity);
        Assert.Equal(new[] { "m0:1" }, SchemaRuleTest.Places(findings));
        Assert.Contains("own, shared", finding.Message, StringComparison.Ordinal);
        Assert.Contains("authenticated on SELECT", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_counts_for_every_action_and_public_for_every_role()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            Table + "create policy a on items for all using (owner = (select auth.uid()));\ncreate policy b on items for update to anon using (shared);");

        Assert.Contains("role anon on UPDATE", Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_overlapping_sets_are_separate_findings()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            Table + "create policy a on items for select to anon using (shared); create policy b on items for select to anon using (true);"
            + " create policy c on items for delete to editor using (true); create policy d on items for all to editor using (true);");

        Assert.Equal(2, findings.Count);
    }

    [Theory]
    [InlineData("create policy a on items for select to anon using (shared); create policy b on items for select to authenticated using (true);")]
    [InlineData("create policy a on items for select using (shared); create policy b on items for insert with check (true);")]
    [InlineData("create policy a on items for select using (shared); create policy b on items as restrictive for select using (owner is not null);")]
    [InlineData("create policy a on items for select to service_role using (true); create policy b on items for all to service_role using (true);")]
    [InlineData("create policy a on items for select using (shared); create policy b on items for select using (true); drop policy b on items;")]
    [InlineData("create policy a on items for select using (shared); create policy \"A\" on items for select to anon using (true); alter policy \"A\" on items to service_role;")]
    public void Disjoint_restrictive_bypassing_or_dropped_policies_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, Table + sql));
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2012RlsPolicyAlwaysTrueTests
{
    private static readonly SB2012RlsPolicyAlwaysTrue Rule = new();

    private const string Table = "create table posts (id int, author uuid); alter table posts enable row level security;\n";

    [Theory]
    [InlineData("for insert to anon with check (true)", "WITH CHECK")]
    [InlineData("for update to authenticated using (true) with check (author = (select auth.uid()))", "USING")]
    [InlineData("for delete using (true)", "USING")] // TO PUBLIC by default
    [InlineData("for all to anon, authenticated using (true) with check (true)", "USING and WITH CHECK")]
    [InlineData("for update to public using (author = (select auth.uid())) with check (1 = 1)", "WITH CHECK")]
    [InlineData("to authenticated using (TRUE)", "USING")]
    public void Always_true_write_policies_for_api_roles_are_warnings(string clause, string which)
    {
        var findings = SchemaRuleTest.Findings(Rule, Table + "create policy \"anyone\" on public.posts as permissive " + clause + ";");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains(which + " always true", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("for select using (true)")]
    [InlineData("for select to anon using (true)")]
    [InlineData("for insert to service_role with check (true)")]
    [InlineData("as restrictive for delete to anon using (true)")]
    [InlineData("for update to authenticated using (author = (select auth.uid()))")]
    [InlineData("for insert to authenticated with check (false)")]
    [InlineData("for insert to authenticated with check (1 = 2)")]
    public void Reads_other_roles_restrictive_and_real_conditions_are_fine(string clause) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, Table + "create policy p on posts " + clause + ";"));

    [Fact]
    public void A_policy_dropped_and_recreated_with_a_condition_is_fine()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            Table + "create policy p on posts for insert to anon with check (true);",
            "drop policy p on public.posts;\ncreate policy p on posts for insert to authenticated with check (author = (select auth.uid()));"));
    }

    [Fact]
    public void A_policy_altered_to_another_role_follows_the_alter()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            Table + "create policy p on posts for delete to anon using (true);",
            "alter policy p on posts to service_role;"));
    }
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2008AuthRlsInitplanTests
{
    private static readonly SB2008AuthRlsInitplan Rule = new();

    private const string Table = "create table docs (id int, owner uuid, team text); alter table docs enable row level security;\n";

    [Theory]
    [InlineData("using (auth.uid() = owner)", "auth.uid()")]
    [InlineData("using (owner = \"auth\".\"uid\"())", "auth.uid()")]
    [InlineData("with check ((auth.jwt() ->> 'team') = team)", "auth.jwt()")]
    [InlineData("using (auth.role() = 'authenticated')", "auth.role()")]
    [InlineData("using (auth.email() like '%@example.com')", "auth.email()")]
    [InlineData("using (team = current_setting('app.team', true))", "current_setting()")]
    [InlineData("using ((select auth.uid()) = owner or auth.uid() is null)", "auth.uid()")]
    public void Bare_request_function_calls_are_warnings(string clause, string call)
    {
        var findings = SchemaRuleTest.Findings(Rule, Table + "create policy p on public.docs for all " + clause + ";");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains(call, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("using ((select auth.uid()) = owner)")]
    [InlineData("using (owner = (select auth.uid()) and ((select auth.jwt()) ->> 'team') = team)")]
    [InlineData("using (team in (select t.name from public.teams t where t.member = auth.uid()))")]
    [InlineData("using (exists (select 1 from public.teams t where t.member = auth.uid() and t.name = team))")]
    [InlineData("using (team = (select current_setting('app.team', true)))")]
    [InlineData("using (owner = public.uid())")] // not auth's
    public void Wrapped_calls_and_other_functions_are_fine(string clause) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            Table + "create table teams (name text, member uuid); create function public.uid() returns uuid language sql as 'select null::uuid';\ncreate policy p on docs " + clause + ";"));

    [Fact]
    public void A_policy_recreated_wrapped_is_fine_and_a_dropped_table_takes_its_policies()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            Table + "create policy p on docs using (auth.uid() = owner);\ncreate table other (id int); create policy q on other using (auth.uid() is not null);",
            "drop policy p on docs; create policy p on docs using ((select auth.uid()) = owner); drop table other;"));
    }
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2007RlsReferencesUserMetadataTests
{
    private static readonly SB2007RlsReferencesUserMetadata Rule = new();

    private const string Table = "create table docs (id int, owner uuid); alter table docs enable row level security;\n";

    [Theory]
    [InlineData("using ((auth.jwt() -> 'user_metadata' ->> 'role') = 'admin')")]
    [InlineData("using (((select auth.jwt()) -> 'user_metadata' ->> 'role') = 'admin')")]
    [InlineData("using ((auth.jwt() #>> '{user_metadata,role}') = 'admin')")]
    [InlineData("using (jsonb_extract_path_text(auth.jwt(), 'user_metadata', 'role') = 'admin')")]
    [InlineData("using ((current_setting('request.jwt.claims', true)::jsonb -> 'user_metadata' ->> 'role') = 'admin')")]
    [InlineData("with check (exists (select 1 from auth.users u where u.id = owner and u.raw_user_meta_data ->> 'role' = 'admin'))")]
    [InlineData("using ((select raw_user_meta_data ->> 'team' from auth.users where id = auth.uid()) = 'red')")]
    public void Policies_trusting_user_metadata_are_errors(string clause)
    {
        var findings = SchemaRuleTest.Findings(Rule, Table + "create policy \"admins\" on public.docs for all " + clause + ";");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains("admins", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin')")]
    [InlineData("using ((auth.jwt() ->> 'sub')::uuid = owner)")]
    [InlineData("using ('user_metadata' = 'x')")]
    [InlineData("using (exists (select 1 from public.profiles p where p.user_metadata ->> 'role' = 'admin'))")] // a project table's column
    [InlineData("using (true /* user_metadata */)")]
    public void App_metadata_other_claims_and_look_alikes_are_fine(string clause) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, Table + "create table profiles (id uuid, user_metadata jsonb);\ncreate policy p on docs for select " + clause + ";"));

    [Fact]
    public void A_policy_replaced_by_a_safe_one_is_fine()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            Table + "create policy p on docs using ((auth.jwt() -> 'user_metadata' ->> 'role') = 'admin');",
            "drop policy p on docs;\ncreate policy p on docs using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin');"));
    }

    [Fact]
    public void An_altered_policy_is_reported_at_the_alter()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            Table + "create policy p on docs using (true);",
            "\nalter policy p on docs using ((auth.jwt() -> 'user_metadata' ->> 'role') = 'admin');");

        Assert.Equal(new[] { "m1:2" }, SchemaRuleTest.Places(findings));
    }
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2014SecurityDefinerFunctionExecutableTests
{
    private const string Definer = "returns int language sql security definer set search_path = '' as $$ select 1 $$";
    private static readonly SB2014SecurityDefinerFunctionExecutable Rule = new();

    [Fact]
    public void A_security_definer_function_in_public_is_executable_by_everyone()
    {
        var findings = SchemaRuleTest.Findings(Rule, $"-- admin\ncreate function public.promote() {Definer};");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains("executable by PUBLIC, anon, authenticated", finding.Message, StringComparison.Ordinal);
        Assert.Contains("/rest/v1/rpc/promote", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create function public.on_signup() returns trigger language plpgsql security definer set search_path = '' as $$ begin return new; end $$;")]
    [InlineData("create function public.on_ddl() returns event_trigger language plpgsql security definer set search_path = '' as $$ begin end $$;")]
    public void Trigger_functions_cannot_be_called_through_the_api(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, sql));

    [Fact]
    public void Revoking_from_public_alone_leaves_supabases_default_grants_to_anon_and_authenticated()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            $"create function promote() {Definer};",
            "revoke execute on function promote() from public;");

        Assert.Contains("executable by anon, authenticated:", Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoking_from_all_three_in_a_later_file_counts()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            $"create function promote() {Definer};",
            "revoke execute on function public.promote() from public, anon, authenticated;\ngrant execute on function public.promote() to service_role;"));
    }

    [Fact]
    public void Granting_back_to_authenticated_is_reported()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            $"create function promote() {Definer};\nrevoke all on function promote() from public, anon, authenticated;",
            "grant execute on function promote() to authenticated;");

        Assert.Contains("executable by authenticated:", Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_privileges_revoked_before_the_function_is_created_count()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            "alter default privileges revoke execute on functions from public;\nalter default privileges in schema public revoke execute on functions from anon, authenticated;",
            $"create function promote() {Definer};"));
    }

    [Theory]
    [InlineData("create function promote() returns int language sql as $$ select 1 $$;")] // invoker
    [InlineData($"create schema private; create function private.promote() {Definer};")] // not exposed
    [InlineData($"create function promote() {Definer}; drop function promote();")]
    [InlineData("create procedure promote() language sql security definer as $$ select 1 $$;")] // the API cannot call it
    public void Invoker_unexposed_dropped_or_uncallable_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, sql));

    [Fact]
    public void Overloads_and_quoted_names_are_judged_one_by_one()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create function \"Grant\"(a int) returns int language sql security definer as $$ select a $$;\ncreate function \"Grant\"(a text) returns int language sql security definer as $$ select 1 $$;",
            "revoke execute on function public.\"Grant\"(int) from public, anon, authenticated;");

        Assert.Contains("public.\"Grant\"(text)", Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Becoming_security_definer_later_is_reported()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create function promote() returns int language sql as $$ select 1 $$;",
            "alter function promote() security definer;");

        Assert.Equal(new[] { "m0:1" }, SchemaRuleTest.Places(findings));
    }
}

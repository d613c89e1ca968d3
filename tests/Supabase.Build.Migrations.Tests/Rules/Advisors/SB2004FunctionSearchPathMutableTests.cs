using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2004FunctionSearchPathMutableTests
{
    private const string Body = "returns int language sql as $$ select 1 $$";
    private static readonly SB2004FunctionSearchPathMutable Rule = new();

    [Fact]
    public void A_function_without_search_path_is_a_warning_at_its_create()
    {
        var findings = SchemaRuleTest.Findings(Rule, $"-- helpers\ncreate function public.one() {Body};");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains("public.one()", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Security_definer_makes_it_an_error()
    {
        var finding = Assert.Single(SchemaRuleTest.Findings(Rule, $"create function one() {Body} security definer;"));

        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.StartsWith("SECURITY DEFINER function", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData($"create function one() {Body} set search_path = '';")]
    [InlineData($"create function one() {Body} security definer set search_path to public, pg_temp;")]
    [InlineData($"create function one() {Body} set search_path from current;")]
    [InlineData($"create function auth.mine() {Body};")] // the platform's schema
    [InlineData($"create function one() {Body}; drop function one();")]
    public void Pinned_platform_or_dropped_functions_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, sql));

    [Fact]
    public void Alter_function_set_search_path_in_a_later_file_counts()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            $"create function private_one() {Body} security definer;",
            "alter function public.private_one() set search_path = '';"));
    }

    [Fact]
    public void Reset_later_brings_it_back()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            $"create function one() {Body} set search_path = '';",
            "alter function one() reset search_path;");

        Assert.Equal(new[] { "m0:1" }, SchemaRuleTest.Places(findings));
    }

    [Fact]
    public void Create_or_replace_without_set_drops_the_setting_and_is_reported_there()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            $"create function one() {Body} set search_path = '';",
            $"create or replace function one() {Body};");

        Assert.Equal(new[] { "m1:1" }, SchemaRuleTest.Places(findings));
    }

    [Fact]
    public void Overloads_are_judged_one_by_one()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create function f(a int) returns int language sql as $$ select a $$;\ncreate function f(a text) returns int language sql as $$ select 1 $$;",
            "alter function f(int) set search_path = '';");

        var finding = Assert.Single(findings);
        Assert.Contains("public.f(text)", finding.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
    }

    [Fact]
    public void Quoted_names_unexposed_schemas_and_procedures_are_reported()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create schema private;",
            $"create function private.\"DoIt\"() {Body};\ncreate procedure public.tidy() language sql as $$ select 1 $$;");

        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Message.Contains("private.\"DoIt\"()", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.StartsWith("procedure public.tidy()", StringComparison.Ordinal));
    }

    [Fact]
    public void Dropped_and_recreated_without_the_setting_is_reported_at_the_new_create()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            $"create function one() {Body} set search_path = '';",
            $"drop function one();\ncreate function one() {Body};");

        Assert.Equal(new[] { "m1:2" }, SchemaRuleTest.Places(findings));
    }
}

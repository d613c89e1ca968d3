using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1039RequireTableSchemaTests
{
    private static readonly SB1039RequireTableSchema Rule = new();

    [Fact]
    public void Opt_in_it_flags_unqualified_tables_and_qualifies_them()
    {
        Assert.Single(RuleTest.Findings(Rule, "create table profiles (id int);"));
        Assert.Equal("create table public.profiles (id int);", RuleTest.ApplyFix(Rule, "create table profiles (id int);"));
    }

    [Fact]
    public void Off_by_default()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_a.sql", "create table profiles (id int);");
        Assert.Empty(workspace.Lint(new[] { Rule }).Diagnostics);
        Assert.Single(workspace.Lint(new[] { Rule }, new LintOptions { IncludedRules = new[] { "require-table-schema" } }).Diagnostics);
    }

    [Theory]
    [InlineData("create table public.profiles (id int);")]
    // squawk's issue 1189 (and 738's class): temporary tables have no schema to name.
    [InlineData("create temp table scratch (id int4) on commit drop;")]
    public void Qualified_and_temporary_tables_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

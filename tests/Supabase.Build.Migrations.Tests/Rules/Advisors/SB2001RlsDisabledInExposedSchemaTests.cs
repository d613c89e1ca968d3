using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules.Advisors;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2001RlsDisabledInExposedSchemaTests
{
    private static readonly SB2001RlsDisabledInExposedSchema Rule = new();

    [Fact]
    public void A_public_table_without_rls_is_an_error_at_its_create_table()
    {
        var findings = SchemaRuleTest.Findings(Rule, "-- profiles\n\ncreate table profiles (id uuid primary key);\n");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.Equal(new[] { "m0:3" }, SchemaRuleTest.Places(findings));
        Assert.Contains("public.profiles", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rls_enabled_in_a_later_file_counts()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            "create table public.profiles (id uuid primary key);",
            "alter table public.profiles enable row level security;"));
    }

    [Fact]
    public void Rls_disabled_again_later_is_reported_at_the_create_table()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create table public.profiles (id uuid primary key);\nalter table public.profiles enable row level security;",
            "alter table public.profiles disable row level security;");

        Assert.Equal(new[] { "m0:1" }, SchemaRuleTest.Places(findings));
    }

    [Theory]
    [InlineData("create table private.secrets (id int);")] // not exposed
    [InlineData("create temporary table scratch (id int);")]
    [InlineData("create table t (id int); drop table t;")]
    [InlineData("create table \"Profiles\" (id int); alter table public.\"Profiles\" enable row level security;")]
    [InlineData("create table t (id int);\n-- supabase-lint-ignore SB2001: read-only reference data behind a revoke\ncreate table u (id int); alter table t enable row level security;")]
    public void Unexposed_dropped_protected_or_suppressed_tables_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, "create schema if not exists private; " + sql));

    [Theory]
    [InlineData("create schema api; create table api.jobs (id int);")] // no default privileges outside public
    [InlineData("create schema api; create table api.jobs (id int); grant all on api.jobs to service_role;")]
    [InlineData("create schema api; create table api.jobs (id int); grant select on all tables in schema api to anon; revoke all on api.jobs from anon;")]
    [InlineData("create table public.jobs (id int); revoke all on public.jobs from public, anon, authenticated;")]
    public void A_table_anon_and_authenticated_hold_no_privilege_on_is_not_reported(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, new LintOptions { ExposedSchemas = new[] { "public", "api" } }, sql));

    [Theory]
    [InlineData("create schema api; create table api.jobs (id int); grant select on api.jobs to authenticated;")]
    [InlineData("create schema api; alter default privileges in schema api grant all on tables to anon; create table api.jobs (id int);")]
    [InlineData("create table public.jobs (id int); revoke select on public.jobs from anon, authenticated;")] // may still write
    [InlineData("create table public.jobs_copy as select 1 as id;")] // CREATE TABLE AS gets the default privileges too
    public void A_table_anon_or_authenticated_may_use_is_reported(string sql) =>
        Assert.Single(SchemaRuleTest.Findings(Rule, new LintOptions { ExposedSchemas = new[] { "public", "api" } }, sql));

    [Fact]
    public void Quoted_names_are_not_folded()
    {
        var findings = SchemaRuleTest.Findings(Rule, "create table \"Profiles\" (id int); alter table profiles enable row level security;");

        // "Profiles" is a different table from profiles: the ALTER fails on a real server, the quoted table stays open.
        Assert.Single(findings);
    }

    [Fact]
    public void Exposed_schemas_come_from_config_toml()
    {
        using var workspace = new MigrationWorkspace();
        File.WriteAllText(Path.Combine(workspace.Root, "supabase", "config.toml"), "[api]\nschemas = [\"public\", \"api\"]\n");
        workspace.Add("20240101000000_m.sql", "create schema api; create table api.orders (id int); grant select on api.orders to anon; create table public.ok (id int); alter table public.ok enable row level security;");

        var findings = workspace.Lint(new[] { Rule }).Diagnostics.Where(d => d.Id == "SB2001").ToList();

        Assert.Contains("api.orders", Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_override_the_exposed_schemas() =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, new LintOptions { ExposedSchemas = new[] { "api" } }, "create table public.t (id int);"));

    [Fact]
    public void A_malformed_config_toml_is_one_SB0009_and_the_default_schemas()
    {
        using var workspace = new MigrationWorkspace();
        File.WriteAllText(Path.Combine(workspace.Root, "supabase", "config.toml"), "[api\nschemas = 1\n");
        workspace.Add("20240101000000_m.sql", "create table t (id int);");

        var diagnostics = workspace.Lint(new[] { Rule }).Diagnostics;

        Assert.Single(diagnostics, d => d.Id == "SB0009");
        Assert.Single(diagnostics, d => d.Id == "SB2001");
    }
}

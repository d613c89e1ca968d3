using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2009ExtensionInPublicTests
{
    private static readonly SB2009ExtensionInPublic Rule = new();

    [Fact]
    public void An_extension_created_without_a_schema_lands_in_public()
    {
        var findings = SchemaRuleTest.Findings(Rule, "-- search\n\ncreate extension if not exists pg_trgm;");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal(new[] { "m0:3" }, SchemaRuleTest.Places(findings));
        Assert.Contains("with schema extensions", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_names_are_reported_quoted() =>
        Assert.Contains("\"pg-trgm-like\"", Assert.Single(SchemaRuleTest.Findings(Rule, "create extension \"pg-trgm-like\" with schema public;")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("create extension pg_trgm with schema extensions;")]
    [InlineData("create extension pg_trgm; drop extension pg_trgm;")]
    [InlineData("create schema private; set search_path = private; create extension citext;")] // lands in private
    [InlineData("create extension if not exists \"uuid-ossp\" with schema public;")] // Supabase already has it, in extensions
    public void Extensions_outside_public_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, sql));

    [Theory]
    [InlineData("create extension if not exists pgmq;")]
    [InlineData("create extension pgsodium;")]
    [InlineData("create extension supabase_vault;")]
    public void Extensions_whose_control_file_names_their_schema_do_not_land_in_public(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, sql));

    [Fact]
    public void Moving_it_in_a_later_file_counts()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule, "create extension citext;", "alter extension citext set schema extensions;"));
    }

    [Fact]
    public void Moving_it_into_public_later_is_reported()
    {
        var findings = SchemaRuleTest.Findings(Rule, "create extension citext schema extensions;", "alter extension citext set schema public;");

        Assert.Single(findings);
    }

    [Fact]
    public void Other_exposed_schemas_count_too()
    {
        var findings = SchemaRuleTest.Findings(Rule, new LintOptions { ExposedSchemas = new[] { "public", "api" } }, "create schema api;\ncreate extension hstore with schema api;");

        Assert.Contains("schema api", Assert.Single(findings).Message, StringComparison.Ordinal);
    }
}

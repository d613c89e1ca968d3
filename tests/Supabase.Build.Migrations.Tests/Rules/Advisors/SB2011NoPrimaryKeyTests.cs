using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2011NoPrimaryKeyTests
{
    private static readonly SB2011NoPrimaryKey Rule = new();

    [Fact]
    public void An_exposed_table_without_a_primary_key_is_a_warning_at_its_create_table()
    {
        var findings = SchemaRuleTest.Findings(Rule, "-- log\ncreate table public.events (at timestamptz, what text);");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains("public.events", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_primary_key_added_in_a_later_file_counts()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            "create table events (id bigint not null, what text);",
            "alter table public.events add primary key (id);"));
    }

    [Fact]
    public void A_unique_not_null_column_is_not_a_primary_key()
    {
        Assert.Single(SchemaRuleTest.Findings(Rule, "create table events (id bigint not null unique);"));
    }

    [Fact]
    public void Dropping_the_primary_key_later_is_reported_at_the_create_table()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create table events (id bigint primary key);",
            "alter table events drop constraint events_pkey;");

        Assert.Equal(new[] { "m0:1" }, SchemaRuleTest.Places(findings));
    }

    [Theory]
    [InlineData("create schema private; create table private.events (what text);")] // not exposed
    [InlineData("create table events (what text); drop table events;")]
    [InlineData("create table \"Events\" (\"Id\" int primary key);")]
    [InlineData("create temporary table scratch (what text);")]
    [InlineData("create table storage.extra (what text);")] // the platform's schema
    public void Keyed_unexposed_dropped_or_platform_tables_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, sql));

    [Fact]
    public void Recreated_without_a_key_is_reported_at_the_new_create_table()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create table events (id bigint primary key);",
            "drop table events;\ncreate table events (id bigint);");

        Assert.Equal(new[] { "m1:2" }, SchemaRuleTest.Places(findings));
    }
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2020UnsupportedRegTypesTests
{
    private static readonly SB2020UnsupportedRegTypes Rule = new();

    [Fact]
    public void A_regproc_column_is_a_warning_at_its_create_table()
    {
        var findings = SchemaRuleTest.Findings(Rule, "-- hooks\ncreate table public.hooks (id bigint primary key, handler regproc);");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains("type regproc", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create table t (c pg_catalog.regconfig);", "regconfig")]
    [InlineData("create table t (c regprocedure[]);", "regprocedure")]
    [InlineData("create domain op as regoper; create table t (c op);", "regoper")]
    [InlineData("create schema private; create table private.t (id int); alter table private.t add column \"Ns\" regnamespace;", "regnamespace")]
    [InlineData("create table t (c int); create materialized view mv as select 'now'::regdictionary as d from t;", "regdictionary")]
    public void Arrays_domains_later_columns_and_materialized_views_count(string sql, string type) =>
        Assert.Contains("type " + type, Assert.Single(SchemaRuleTest.Findings(Rule, sql)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("create table t (a regclass, b regtype, c regrole, d oid);")] // pg_upgrade keeps these
    [InlineData("create table t (c regproc); drop table t;")]
    [InlineData("create table t (c regproc); alter table t drop column c;")]
    [InlineData("create view v as select 'now'::regproc as p;")] // a view stores nothing
    [InlineData("create schema private; create type private.regproc as enum ('a'); create table t (c private.regproc);")]
    public void Kept_types_dropped_columns_and_look_alikes_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, sql));

    [Fact]
    public void Changing_the_type_in_a_later_file_counts()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            "create table hooks (handler regproc);",
            "alter table hooks alter column handler type text using handler::text;"));
    }
}

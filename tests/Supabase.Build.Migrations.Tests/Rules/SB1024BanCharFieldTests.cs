using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1024BanCharFieldTests
{
    private static readonly SB1024BanCharField Rule = new();

    [Theory]
    [InlineData("create table t (code char(3));")]
    [InlineData("create table t (code character(10));")]
    [InlineData("alter table t add column code char(2);")]
    public void Char_columns_are_warnings(string sql) => Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(RuleTest.Findings(Rule, sql)).Severity);

    [Theory]
    [InlineData("create table t (name varchar(100));")]
    [InlineData("create table t (name character varying(100));")]
    [InlineData("alter table t alter column name type varchar(200);")]
    public void Bounded_varchar_is_info_advice(string sql) => Assert.Equal(DiagnosticSeverity.Info, Assert.Single(RuleTest.Findings(Rule, sql)).Severity);

    [Theory]
    [InlineData("create table t (name text, flag \"char\", v varchar);")]
    [InlineData("create temp table t (code char(3));")]
    [InlineData("select 'char(3)'::text;")]
    public void Text_unbounded_varchar_internal_char_and_temp_tables_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));

    [Theory]
    [InlineData("-- squawk-ignore ban-char-field\ncreate table t (code char(3));")]
    [InlineData("-- squawk-ignore prefer-text-field\ncreate table t (name varchar(100));")]
    public void Both_squawk_names_suppress_it(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

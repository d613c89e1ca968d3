using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2018SensitiveColumnsExposedTests
{
    private static readonly SB2018SensitiveColumnsExposed Rule = new();

    [Theory]
    [InlineData("create table public.accounts (id int, email text, password text);", "password")]
    [InlineData("create table accounts (id int, \"SSN\" text);", "\"SSN\"")]
    [InlineData("create table accounts (id int, \"card-number\" text, cvv text);", "\"card-number\", cvv")]
    [InlineData("create table accounts (id int); alter table accounts add column api_key text;", "api_key")]
    public void Sensitive_columns_in_an_open_table_are_errors(string sql, string columns)
    {
        var findings = SchemaRuleTest.Findings(Rule, "-- accounts\n" + sql);

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains("column(s) " + columns + ":", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create table accounts (id int, password text);", "alter table accounts enable row level security;")]
    [InlineData("create table accounts (id int, password text);", "alter table accounts drop column password;")]
    [InlineData("create table accounts (id int, password text);", "revoke select on accounts from anon, authenticated;")]
    [InlineData("create table accounts (id int, password text);", "drop table accounts;")]
    [InlineData("create table accounts (id int, password_reset_sent_at timestamptz, token_count int, ssn_last_checked date);", "select 1;")]
    [InlineData("create schema private; create table private.accounts (id int, password text);", "select 1;")]
    public void Protected_dropped_unexposed_or_innocent_columns_are_fine(string first, string second) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, first, second));
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1035IdentifierTooLongTests
{
    private static readonly SB1035IdentifierTooLong Rule = new();
    private static readonly string Long = new('a', 64);

    [Theory]
    [InlineData("create table {0} (id int);")]
    [InlineData("create table t ({0} int);")]
    [InlineData("create index {0} on t (a);")]
    [InlineData("alter table t add constraint {0} check (a > 0);")]
    [InlineData("create policy {0} on t using (true);")]
    [InlineData("create function {0}() returns int language sql as $$ select 1 $$;")]
    [InlineData("alter table t rename column a to {0};")]
    public void Names_over_63_bytes_are_flagged(string template)
    {
        var diagnostic = Assert.Single(RuleTest.Findings(Rule, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Long)));
        Assert.Contains("first 63", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void Bytes_are_counted_not_characters()
    {
        var name = new string('é', 32); // 64 bytes in UTF-8, 32 characters
        Assert.Single(RuleTest.Findings(Rule, $"create table \"{name}\" (id int);"));
        Assert.Empty(RuleTest.Findings(Rule, $"create table \"{new string('é', 31)}\" (id int);"));
    }

    [Fact]
    public void An_enum_label_over_63_bytes_is_an_error() =>
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(RuleTest.Findings(Rule, $"create type mood as enum ('{Long}');")).Severity);

    [Theory]
    [InlineData("create table t (id int);")]
    [InlineData("select '{0}';")]
    [InlineData("create function f() returns text language sql as $$ select '{0}' $$;")]
    public void Short_names_and_strings_are_fine(string template) =>
        Assert.Empty(RuleTest.Findings(Rule, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Long)));
}

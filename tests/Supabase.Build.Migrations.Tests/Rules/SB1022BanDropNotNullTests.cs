using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1022BanDropNotNullTests
{
    private static readonly SB1022BanDropNotNull Rule = new();

    [Fact]
    public void Drop_not_null_on_an_existing_table_is_a_warning() =>
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(RuleTest.Findings(Rule, "alter table profiles alter column email drop not null;")).Severity);

    [Theory]
    [InlineData("create table profiles (email text not null); alter table profiles alter column email drop not null;")]
    [InlineData("alter table profiles alter column email set not null;")]
    public void New_tables_and_set_not_null_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

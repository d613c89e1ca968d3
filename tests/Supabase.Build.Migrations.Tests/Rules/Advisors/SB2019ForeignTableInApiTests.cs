using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2019ForeignTableInApiTests
{
    private static readonly SB2019ForeignTableInApi Rule = new();

    private const string Server = "create foreign data wrapper dummy; create server remote foreign data wrapper dummy;\n";

    [Fact]
    public void A_foreign_table_in_public_is_a_warning_at_its_create()
    {
        var findings = SchemaRuleTest.Findings(Rule, Server + "create foreign table public.remote_orders (id int) server remote;");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains("foreign table public.remote_orders", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create foreign table \"Remote\" (id int) server remote;", 1)]
    [InlineData("create foreign table remote_orders (id int) server remote; revoke select on remote_orders from anon, authenticated;", 0)]
    [InlineData("create schema private; create foreign table private.remote_orders (id int) server remote;", 0)]
    [InlineData("create foreign table remote_orders (id int) server remote; drop foreign table remote_orders;", 0)]
    [InlineData("create table local_orders (id int);", 0)]
    public void Only_selectable_foreign_tables_in_exposed_schemas_count(string sql, int expected) =>
        Assert.Equal(expected, SchemaRuleTest.Findings(Rule, Server + sql).Count);
}

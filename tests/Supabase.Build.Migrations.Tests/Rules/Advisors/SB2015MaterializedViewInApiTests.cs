using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2015MaterializedViewInApiTests
{
    private static readonly SB2015MaterializedViewInApi Rule = new();

    private const string Table = "create table orders (id int, total numeric); alter table orders enable row level security;\n";

    [Fact]
    public void A_selectable_materialized_view_in_public_is_a_warning_at_its_create()
    {
        var findings = SchemaRuleTest.Findings(Rule, Table + "create materialized view public.totals as select sum(total) as total from orders;");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains("public.totals", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grant_in_a_later_file_counts()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            Table + "create materialized view \"Totals\" as select sum(total) as total from orders; revoke all on \"Totals\" from anon, authenticated;",
            "grant select on public.\"Totals\" to anon;");

        Assert.Single(findings);
    }

    [Theory]
    [InlineData("create materialized view totals as select sum(total) as total from orders; revoke select on totals from anon, authenticated;")]
    [InlineData("create schema private; create materialized view private.totals as select sum(total) as total from orders;")]
    [InlineData("create materialized view totals as select sum(total) as total from orders; drop materialized view totals;")]
    [InlineData("create view totals with (security_invoker = true) as select sum(total) as total from orders;")]
    public void Revoked_unexposed_dropped_or_plain_views_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, Table + sql));
}

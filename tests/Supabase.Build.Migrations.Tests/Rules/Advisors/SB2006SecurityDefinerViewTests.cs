using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2006SecurityDefinerViewTests
{
    private static readonly SB2006SecurityDefinerView Rule = new();

    private const string Table = "create table orders (id int, owner uuid); alter table orders enable row level security;\n";

    [Fact]
    public void A_view_without_security_invoker_is_an_error_at_its_create_view()
    {
        var findings = SchemaRuleTest.Findings(Rule, Table + "create view public.my_orders as select * from orders;");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains("security_invoker = true", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create view v with (security_invoker = false) as select * from orders;")]
    [InlineData("create view v with (security_barrier) as select * from orders;")]
    [InlineData("create view v with (security_invoker = true) as select * from orders; alter view v reset (security_invoker);")]
    [InlineData("create view v with (security_invoker = true) as select * from orders; alter view v set (security_invoker = off);")]
    [InlineData("create view \"My Orders\" as select * from orders;")]
    public void Definer_views_in_every_spelling_are_reported(string sql) =>
        Assert.Single(SchemaRuleTest.Findings(Rule, Table + sql));

    [Theory]
    [InlineData("create view v with (security_invoker = true) as select * from orders;")]
    [InlineData("create view v with (security_invoker) as select * from orders;")]
    [InlineData("create view v with (security_invoker = on) as select * from orders;")]
    [InlineData("create view v with (security_invoker = 1) as select * from orders;")]
    [InlineData("create view v as select * from orders;", "alter view public.v set (security_invoker = true);")]
    [InlineData("create view v as select * from orders;", "drop view v;")]
    [InlineData("create view v as select * from orders;", "revoke select on v from anon, authenticated;")]
    [InlineData("create schema private; create view private.v as select * from orders;")]
    [InlineData("create materialized view mv as select * from orders;")] // SB2015's
    public void Invoker_revoked_dropped_unexposed_or_materialized_views_are_fine(string sql, string? later = null) =>
        Assert.Empty(later is null ? SchemaRuleTest.Findings(Rule, Table + sql) : SchemaRuleTest.Findings(Rule, Table + sql, later));
}

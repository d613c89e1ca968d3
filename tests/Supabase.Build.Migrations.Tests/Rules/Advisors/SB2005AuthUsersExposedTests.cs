using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2005AuthUsersExposedTests
{
    private static readonly SB2005AuthUsersExposed Rule = new();

    [Theory]
    [InlineData("create view public.members as select id, email from auth.users;")]
    [InlineData("create materialized view members as select id, email from auth.users;")]
    [InlineData("create view members with (security_invoker = true) as select id, email from auth.users;")]
    [InlineData("create table profiles (id uuid primary key); create view members as select p.id, u.email from profiles p join auth.users u on u.id = p.id;")]
    [InlineData("create view members as with u as (select id, email from auth.\"users\") select * from u;")]
    [InlineData("create view members as select id, (select email from auth.users u where u.id = p.id) as email from (select gen_random_uuid() as id) p;")]
    [InlineData("create schema private; create view private.emails as select id, email from auth.users; create view members as select * from private.emails;")]
    public void A_view_reading_auth_users_anyhow_is_an_error(string sql)
    {
        var finding = Assert.Single(SchemaRuleTest.Findings(Rule, sql));

        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.Contains("members", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void It_is_reported_at_the_view_not_at_the_file_that_granted()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create table t (id int);",
            "\ncreate view v as select id from auth.users;");

        Assert.Equal(new[] { "m1:2" }, SchemaRuleTest.Places(findings));
    }

    [Theory]
    [InlineData("create schema private; create view private.emails as select id, email from auth.users;")] // not exposed
    [InlineData("create view v as select id, email from auth.users; revoke select on v from anon, authenticated;")]
    [InlineData("create view v as select id, email from auth.users; revoke all on v from anon, authenticated;")]
    [InlineData("create view v as select id, email from auth.users; drop view v;")]
    [InlineData("create view v as select id, email from auth.users; create or replace view v as select 1 as id, 'x'::text as email;")]
    [InlineData("create table users (id uuid, email text); create view v as select id, email from users;")] // public.users
    [InlineData("create view v as select auth.uid() as id;")]
    public void Unexposed_revoked_dropped_or_unrelated_views_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, sql));
}

using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1016AddingFieldWithDefaultTests
{
    private static readonly SB1016AddingFieldWithDefault Rule = new();

    [Theory]
    [InlineData("alter table t add column k uuid default gen_random_uuid();", "gen_random_uuid()")]
    [InlineData("alter table t add column k uuid default extensions.uuid_generate_v4();", "uuid_generate_v4()")]
    [InlineData("alter table t add column r float default random();", "random()")]
    [InlineData("alter table t add column at timestamptz default clock_timestamp();", "clock_timestamp()")]
    [InlineData("alter table t add column n bigserial;", "bigserial")]
    [InlineData("alter table t add column n bigint generated always as identity;", "identity")]
    [InlineData("alter table t add column total numeric generated always as (a + b) stored;", "generated")]
    public void Defaults_computed_per_row_rewrite_the_table(string sql, string named) =>
        Assert.Contains(named, Assert.Single(RuleTest.Findings(Rule, sql)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("alter table t add column created_at timestamptz default now();")]
    [InlineData("alter table t add column settings jsonb default '{}'::jsonb not null;")]
    [InlineData("alter table t add column active boolean default true;")]
    [InlineData("alter table t add column owner uuid default auth.uid();")]
    [InlineData("create table t (id int); alter table t add column k uuid default gen_random_uuid();")]
    public void Constants_stable_functions_and_new_tables_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));

    [Fact]
    public void A_function_the_history_created_volatile_is_known() =>
        Assert.Single(RuleTest.History(
            Rule,
            null,
            "create function public.next_code() returns text language sql volatile as $$ select md5(random()::text) $$;",
            "alter table t add column code text default public.next_code();"));

    [Fact]
    public void A_stable_function_from_the_history_is_fine() =>
        Assert.Empty(RuleTest.History(
            Rule,
            null,
            "create function public.tenant() returns text language sql stable as $$ select current_setting('app.tenant') $$;",
            "alter table t add column tenant text default public.tenant();"));

    [Fact]
    public void Before_postgres_11_every_default_rewrites() =>
        Assert.Single(RuleTest.Findings(Rule, "alter table t add column active boolean default true;", new LintOptions { PostgresVersion = PostgresVersion.Given(10) }));
}

using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1021BanTruncateCascadeTests
{
    private static readonly SB1021BanTruncateCascade Rule = new();

    [Theory]
    [InlineData("truncate orders cascade;")]
    [InlineData("truncate table public.orders, public.items restart identity cascade;")]
    [InlineData("do $$ begin truncate orders cascade; end $$;")]
    public void Truncate_cascade_is_an_error(string sql) => Assert.Single(RuleTest.Findings(Rule, sql));

    [Theory]
    [InlineData("truncate orders;")]
    [InlineData("truncate orders restrict;")]
    [InlineData("drop table orders cascade;")]
    public void Truncate_without_cascade_is_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}

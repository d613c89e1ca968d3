using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1036RequireConcurrentPartitionDetachTests
{
    private static readonly SB1036RequireConcurrentPartitionDetach Rule = new();

    [Fact]
    public void Detach_without_concurrently_is_flagged_and_fixed()
    {
        const string Sql = "alter table events detach partition events_2023;";
        Assert.Single(RuleTest.Findings(Rule, Sql));
        Assert.Equal("alter table events detach partition events_2023 CONCURRENTLY;", RuleTest.ApplyFix(Rule, Sql));
    }

    [Theory]
    [InlineData("alter table events detach partition events_2023 concurrently;")]
    [InlineData("alter table events attach partition events_2023 for values from (1) to (2);")]
    public void Concurrent_detach_and_attach_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));

    [Fact]
    public void Before_postgres_14_there_is_no_concurrent_form() =>
        Assert.Empty(RuleTest.Findings(Rule, "alter table events detach partition events_2023;", new LintOptions { PostgresVersion = PostgresVersion.Given(13) }));
}

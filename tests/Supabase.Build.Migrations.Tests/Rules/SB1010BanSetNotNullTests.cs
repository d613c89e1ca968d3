using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1010BanSetNotNullTests
{
    private static readonly SB1010BanSetNotNull Rule = new();

    [Fact]
    public void Set_not_null_on_an_existing_table_is_an_error_whose_fix_is_the_check_path()
    {
        const string Sql = "alter table recipe alter column view_count set not null;";
        var diagnostic = Assert.Single(RuleTest.Findings(Rule, Sql));
        Assert.Contains("CHECK (view_count IS NOT NULL) NOT VALID", diagnostic.Message, StringComparison.Ordinal);

        var files = RuleTest.ApplyFixes(Rule, Sql);
        Assert.Equal("ALTER TABLE recipe ADD CONSTRAINT recipe_view_count_not_null CHECK (view_count IS NOT NULL) NOT VALID;", files["20240101000000_m.sql"]);
        Assert.Equal("ALTER TABLE recipe VALIDATE CONSTRAINT recipe_view_count_not_null;\nALTER TABLE recipe ALTER COLUMN view_count SET NOT NULL;\n", files["20240101000001_validate_constraints.sql"]);
    }

    [Fact]
    public void A_check_validated_in_the_history_proves_the_column_so_set_not_null_is_fine()
    {
        Assert.Empty(RuleTest.History(
            Rule,
            null,
            "create table recipe (id bigint, view_count int);",
            "alter table recipe add constraint recipe_view_count_not_null check (view_count is not null) not valid;",
            "alter table recipe validate constraint recipe_view_count_not_null;\nalter table recipe alter column view_count set not null;"));
    }

    [Fact]
    public void A_check_that_is_still_not_valid_proves_nothing()
    {
        Assert.Single(RuleTest.History(
            Rule,
            null,
            "create table recipe (view_count int);",
            "alter table recipe add constraint c check (view_count is not null) not valid;",
            "alter table recipe alter column view_count set not null;"));
    }

    [Fact]
    public void Before_postgres_12_even_a_validated_check_does_not_help() =>
        Assert.Single(RuleTest.History(
            Rule,
            new LintOptions { PostgresVersion = PostgresVersion.Given(11) },
            "create table recipe (id bigint, view_count int);",
            "alter table recipe add constraint c check (view_count is not null) not valid;",
            "alter table recipe validate constraint c;",
            "alter table recipe alter column view_count set not null;"));

    [Theory]
    [InlineData("create table recipe (view_count int); alter table recipe alter column view_count set not null;")]
    [InlineData("alter table recipe alter column view_count drop not null;")]
    public void New_tables_and_other_commands_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));

    [Fact]
    public void Squawk_ignore_adding_not_nullable_field_suppresses_it() =>
        Assert.Empty(RuleTest.Findings(Rule, "-- squawk-ignore adding-not-nullable-field\nalter table recipe alter column view_count set not null;"));
}

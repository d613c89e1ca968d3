using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1003RequireConcurrentIndexCreationTests
{
    private static IReadOnlyList<MigrationDiagnostic> Lint(string sql) => MigrationWorkspace.LintOne(new SB1003RequireConcurrentIndexCreation(), sql);

    [Fact]
    public void Index_without_concurrently_on_an_existing_table_is_an_error_at_the_statement()
    {
        var diagnostic = Assert.Single(Lint("-- speed up lookups\n\ncreate unique index if not exists profiles_email\n  on public.profiles (email);"));

        Assert.Equal("SB1003", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal((3, 1), (diagnostic.Span.Start.Line, diagnostic.Span.Start.Column));
        Assert.Equal((4, 29), (diagnostic.Span.End.Line, diagnostic.Span.End.Column));
        Assert.Contains("CONCURRENTLY", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("'profiles'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrently_is_fine()
    {
        Assert.Empty(Lint("create index concurrently if not exists profiles_email on profiles (email);"));
    }

    [Fact]
    public void New_and_temporary_tables_need_no_concurrently()
    {
        var sql = """
            create table posts(id bigint, author uuid);
            create index posts_author on posts (author);
            create temp table scratch(id int);
            create index on scratch (id);
            create index on pg_temp.other (id);
            """;

        Assert.Empty(Lint(sql));
    }

    [Fact]
    public void A_table_created_in_another_schema_is_not_the_same_table()
    {
        var diagnostic = Assert.Single(Lint("create table app.posts(id int);\ncreate index on public.posts (id);"));

        Assert.Equal(2, diagnostic.Span.Start.Line);
    }

    [Fact]
    public void Comments_and_strings_are_not_statements()
    {
        Assert.Empty(Lint("-- create index i on t(a);\nselect 'create index i on t(a)';\n/* create index i on t(a) */"));
    }

    [Theory]
    [InlineData("-- supabase-lint-ignore SB1003: table has 10 rows")]
    [InlineData("-- supabase-lint-ignore require-concurrent-index-creation")]
    [InlineData("-- squawk-ignore require-concurrent-index-creation")]
    [InlineData("-- supabase-lint-ignore-file SB1003")]
    public void Suppressed_by_id_name_or_squawk_name(string comment)
    {
        Assert.Empty(Lint($"{comment}\ncreate index i on t (a);"));
    }

    [Fact]
    public void A_statement_suppression_covers_only_the_next_statement()
    {
        var diagnostics = Lint("-- supabase-lint-ignore SB1003\ncreate index i on t (a);\ncreate index j on t (b);");

        Assert.Equal(3, Assert.Single(diagnostics).Span.Start.Line);
    }
}

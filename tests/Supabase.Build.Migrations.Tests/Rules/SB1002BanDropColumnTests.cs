using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1002BanDropColumnTests
{
    private static IReadOnlyList<MigrationDiagnostic> Lint(string sql) => MigrationWorkspace.LintOne(new SB1002BanDropColumn(), sql);

    private static (int Line, int Column) At(MigrationDiagnostic diagnostic) => (diagnostic.Span.Start.Line, diagnostic.Span.Start.Column);

    [Fact]
    public void Drop_column_is_an_error_at_the_statement()
    {
        var diagnostic = Assert.Single(Lint("select 1;\n    alter table public.profiles\n      drop column bio;"));

        Assert.Equal("SB1002", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal((2, 5), At(diagnostic));
        Assert.Contains("'bio'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("'public.profiles'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void If_exists_does_not_make_it_safe_and_every_dropped_column_is_named()
    {
        var diagnostic = Assert.Single(Lint("alter table orders drop column if exists note cascade, add column total int, drop legacy_total;"));

        Assert.Contains("'note', 'legacy_total'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_alterations_and_non_tables_are_not_this_rule()
    {
        var sql = """
            alter table t add column c int, drop constraint t_c_check, alter column d type bigint;
            alter type address drop attribute zip;
            alter foreign table remote_items drop column note;
            drop table gone;
            """;

        Assert.Empty(Lint(sql));
    }

    [Fact]
    public void Comments_and_strings_that_mention_drop_column_are_not_statements()
    {
        var sql = """
            -- alter table profiles drop column bio;
            comment on column profiles.bio is 'alter table profiles drop column bio';
            do $$ begin raise notice 'alter table profiles drop column bio'; end $$;
            """;

        Assert.Empty(Lint(sql));
    }

    [Fact]
    public void Temporary_tables_and_tables_created_earlier_in_the_file_are_fine()
    {
        var sql = """
            create table staging(id int, scratch text);
            alter table staging drop column scratch;
            create temporary table work(id int, note text);
            alter table work drop column note;
            """;

        Assert.Empty(Lint(sql));
    }

    [Fact]
    public void Drop_column_inside_a_do_block_is_reported_at_its_line()
    {
        var sql = """
            do $$
            begin
              if exists (select 1 from information_schema.columns where column_name = 'bio') then
                alter table profiles drop column bio;
              end if;
            end $$;
            """;

        var diagnostic = Assert.Single(Lint(sql));

        Assert.Equal((4, 5), At(diagnostic));
        Assert.Contains("inside the DO block", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Drop_column_run_by_execute_in_a_function_is_reported()
    {
        var sql = """
            create function shrink() returns void language plpgsql as $$
            begin
              execute 'alter table profiles drop column avatar';
            end $$;
            """;

        var diagnostic = Assert.Single(Lint(sql));

        Assert.Equal((3, 3), At(diagnostic));
        Assert.Contains("function 'shrink'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Drop_column_in_a_sql_function_body_is_reported_at_the_exact_position()
    {
        var diagnostic = Assert.Single(Lint("create function shrink() returns void language sql as $body$alter table profiles drop column avatar$body$;"));

        Assert.Equal((1, 61), At(diagnostic));
    }

    [Theory]
    [InlineData("-- supabase-lint-ignore SB1002: column unused since v3")]
    [InlineData("-- supabase-lint-ignore ban-drop-column")]
    [InlineData("-- squawk-ignore ban-drop-column")]
    [InlineData("/* supabase-lint-ignore-file ban-drop-column */")]
    public void Suppressed_by_id_name_or_squawk_name(string comment)
    {
        Assert.Empty(Lint($"{comment}\nalter table profiles drop column bio;"));
    }

    [Fact]
    public void Suppressing_another_rule_does_not_hide_it()
    {
        Assert.Single(Lint("-- squawk-ignore ban-drop-table\nalter table profiles drop column bio;"));
    }
}

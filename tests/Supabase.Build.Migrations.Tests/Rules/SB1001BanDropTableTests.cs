using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1001BanDropTableTests
{
    private static IReadOnlyList<MigrationDiagnostic> Lint(string sql) => MigrationWorkspace.LintOne(new SB1001BanDropTable(), sql);

    private static (int Line, int Column) At(MigrationDiagnostic diagnostic) => (diagnostic.Span.Start.Line, diagnostic.Span.Start.Column);

    [Fact]
    public void Drop_table_is_an_error_at_the_statement()
    {
        var diagnostic = Assert.Single(Lint("select 1;\n\n  drop table public.users;\n"));

        Assert.Equal("SB1001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal((3, 3), At(diagnostic));
        Assert.Contains("'public.users'", diagnostic.Message, StringComparison.Ordinal);
        Assert.EndsWith("docs/rules/SB1001.md", diagnostic.HelpLink, StringComparison.Ordinal);
    }

    [Fact]
    public void If_exists_and_cascade_do_not_make_it_safe()
    {
        var diagnostic = Assert.Single(Lint("drop table if exists orders cascade;"));

        Assert.Equal("SB1001", diagnostic.Id);
    }

    [Fact]
    public void Names_only_the_tables_that_hold_data()
    {
        var diagnostic = Assert.Single(Lint("create table staging(id int);\ndrop table staging, invoices;"));

        Assert.Contains("'invoices'", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("staging", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_and_strings_that_mention_drop_table_are_not_statements()
    {
        var sql = """
            -- drop table users;
            /* drop table users; */
            select 'drop table users;';
            comment on table profiles is 'drop table profiles when the app is retired';
            do $$ begin
              -- drop table users;
              raise notice 'drop table users';
              perform 'drop table users';
            end $$;
            """;

        Assert.Empty(Lint(sql));
    }

    [Fact]
    public void Temporary_tables_and_tables_created_earlier_in_the_file_may_be_dropped()
    {
        var sql = """
            create temp table scratch(id int);
            drop table scratch;
            drop table pg_temp.other_scratch;
            create table staging as select 1 as id;
            drop table if exists staging;
            """;

        Assert.Empty(Lint(sql));
    }

    [Fact]
    public void A_table_created_only_after_the_drop_does_not_count()
    {
        var diagnostic = Assert.Single(Lint("drop table t;\ncreate table t(id int);"));

        Assert.Equal((1, 1), At(diagnostic));
    }

    [Fact]
    public void Other_drops_are_not_this_rule()
    {
        Assert.Empty(Lint("drop view v; drop materialized view m; drop index i; drop sequence s; alter table t drop column c;"));
    }

    [Fact]
    public void Drop_inside_a_do_block_is_reported_at_its_line()
    {
        var sql = """
            select 1;
            do $$
            begin
              if exists (select 1 from pg_tables where tablename = 'legacy') then
                drop table legacy;
              end if;
            end
            $$;
            """;

        var diagnostic = Assert.Single(Lint(sql));

        Assert.Equal((5, 5), At(diagnostic));
        Assert.Contains("inside the DO block", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Do_block_may_drop_a_table_the_file_created_before_it()
    {
        Assert.Empty(Lint("create table staging(id int);\ndo $$ begin drop table staging; end $$;"));
    }

    [Fact]
    public void Drop_in_a_plpgsql_function_body_is_reported_even_for_a_table_the_file_created()
    {
        // The function runs later, when the table is no longer new.
        var sql = "create table audit_log(id int);\n"
            + "create or replace function public.cleanup(days int) returns void\n"
            + "language plpgsql as $fn$\n"
            + "declare\n"
            + "  n int;\n"
            + "begin\n"
            + "  n := days;\n"
            + "\tdrop table audit_log;\n"
            + "end\n"
            + "$fn$;\n";

        var diagnostic = Assert.Single(Lint(sql));

        Assert.Equal((8, 2), At(diagnostic));
        Assert.Contains("function 'public.cleanup'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_body_may_drop_a_temporary_table_it_created_itself()
    {
        var sql = """
            create function f() returns void language plpgsql as $$
            begin
              create temp table work_items(id int);
              drop table work_items;
              create table snapshot as select 1;
              drop table snapshot;
            end $$;
            """;

        Assert.Empty(Lint(sql));
    }

    [Fact]
    public void Function_body_may_drop_the_temporary_table_it_recreates_on_every_call()
    {
        var sql = """
            create function refresh() returns void language plpgsql as $$
            begin
              drop table if exists work_items;
              create temp table work_items as select 1 as id;
              drop table if exists audit_log;
            end $$;
            """;

        var diagnostic = Assert.Single(Lint(sql));

        Assert.Equal((5, 3), At(diagnostic));
        Assert.Contains("'audit_log'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_of_a_constant_string_is_followed_and_computed_sql_is_not()
    {
        var sql = """
            do $$
            declare t text := 'x';
            begin
              execute format('drop table %I', t);
              execute 'drop table ' || t;
              execute 'drop table old_events';
              execute E'drop table \"Quoted\"';
            end $$;
            """;

        var diagnostics = Lint(sql);

        Assert.Collection(
            diagnostics,
            d => Assert.Equal(((6, 3), true), (At(d), d.Message.Contains("'old_events'", StringComparison.Ordinal))),
            d => Assert.Equal(((7, 3), true), (At(d), d.Message.Contains("'Quoted'", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("create function f() returns void language sql as $$drop table sessions$$;")] // '$' is no word character
    [InlineData("create function f() returns void language sql as $$ DROP\ttable sessions $$;")]
    [InlineData("do $$ begin execute E'\\x64rop table sessions'; end $$;")] // spelled in an escape: the body is parsed anyway
    public void Bodies_are_parsed_whenever_they_may_hold_a_drop(string sql) => Assert.Single(Lint(sql));

    [Fact]
    public void A_body_that_only_mentions_dropped_at_holds_no_drop() =>
        Assert.Empty(Lint("create function f() returns trigger language plpgsql as $$ begin new.dropped_at := now(); return new; end $$;"));

    [Fact]
    public void Sql_function_with_a_dollar_quoted_body_is_reported_at_the_exact_position()
    {
        var sql = "create function purge() returns void language sql as $$\n  select 1;  drop table sessions;\n$$;";

        var diagnostic = Assert.Single(Lint(sql));

        Assert.Equal((2, 14), At(diagnostic));
    }

    [Fact]
    public void Sql_function_with_a_quoted_body_is_reported_at_the_line()
    {
        var sql = "create procedure purge()\nlanguage sql\nas 'select ''drop table x'';\n   drop table sessions';";

        var diagnostic = Assert.Single(Lint(sql));

        Assert.Equal((4, 4), At(diagnostic));
        Assert.Contains("procedure 'purge'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_standard_body_is_checked_statement_by_statement()
    {
        var sql = """
            create procedure archive()
            language sql
            begin atomic
              insert into archive_log values (now());
              ;
              drop table sessions;
            end;
            """;

        var diagnostic = Assert.Single(Lint(sql));

        Assert.Equal((6, 3), At(diagnostic));
    }

    [Fact]
    public void A_function_defined_inside_a_do_block_is_checked_too()
    {
        var sql = """
            do $outer$
            begin
              create function inner_purge() returns void language plpgsql as $inner$
              begin
                drop table payments;
              end $inner$;
            end $outer$;
            """;

        var diagnostic = Assert.Single(Lint(sql));

        Assert.Equal((5, 5), At(diagnostic));
        Assert.Contains("function 'inner_purge'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bodies_that_do_not_parse_or_are_not_sql_are_skipped_quietly()
    {
        var sql = """
            do language plv8 $$ plv8.execute('drop table x') $$;
            create function f() returns void language plpgsql as $$ begin drop tabel x; end $$;
            create function g() returns int as 'libfoo', 'drop_table' language c;
            """;

        Assert.Empty(Lint(sql));
    }

    [Theory]
    [InlineData("-- supabase-lint-ignore SB1001: retired in v2")]
    [InlineData("-- supabase-lint-ignore ban-drop-table")]
    [InlineData("-- squawk-ignore ban-drop-table")]
    [InlineData("-- supabase-lint-ignore-file SB1001")]
    public void Suppressed_by_id_name_or_squawk_name(string comment)
    {
        Assert.Empty(Lint($"{comment}\ndrop table users;"));
    }

    [Fact]
    public void Suppressing_another_rule_or_another_statement_does_not_hide_it()
    {
        var diagnostics = Lint("-- supabase-lint-ignore SB1002, ban-drop-column\ndrop table a;\n-- supabase-lint-ignore SB1001\ndrop table b;\ndrop table c;");

        Assert.Equal(new[] { 2, 5 }, diagnostics.Select(d => d.Span.Start.Line));
    }
}

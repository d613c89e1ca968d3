using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1004PreferRobustStatementsTests
{
    private static IReadOnlyList<MigrationDiagnostic> Lint(string sql) => MigrationWorkspace.LintOne(new SB1004PreferRobustStatements(), sql);

    [Fact]
    public void Create_table_without_if_not_exists_is_a_warning_that_says_what_to_write()
    {
        var diagnostic = Assert.Single(Lint("select 1;\n  create table public.profiles (id uuid primary key);"));

        Assert.Equal("SB1004", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal((2, 3), (diagnostic.Span.Start.Line, diagnostic.Span.Start.Column));
        Assert.EndsWith("write CREATE TABLE IF NOT EXISTS public.profiles", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create unlogged table cache (k text)", "CREATE UNLOGGED TABLE IF NOT EXISTS cache")]
    [InlineData("create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01')", "CREATE TABLE IF NOT EXISTS events_2024")]
    [InlineData("create table totals as select 1 as n", "CREATE TABLE IF NOT EXISTS totals AS ...")]
    [InlineData("create materialized view stats as select 1", "CREATE MATERIALIZED VIEW IF NOT EXISTS stats AS ...")]
    [InlineData("create index profiles_email on profiles (email)", "CREATE INDEX IF NOT EXISTS profiles_email ON profiles ...")]
    [InlineData("create unique index concurrently profiles_email on profiles (email)", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS profiles_email ON profiles ...")]
    [InlineData("create schema private", "CREATE SCHEMA IF NOT EXISTS private")]
    [InlineData("create sequence app.order_no", "CREATE SEQUENCE IF NOT EXISTS app.order_no")]
    [InlineData("create extension pgcrypto with schema extensions", "CREATE EXTENSION IF NOT EXISTS pgcrypto")]
    [InlineData("create foreign table remote_items (id int) server legacy", "CREATE FOREIGN TABLE IF NOT EXISTS remote_items")]
    [InlineData("create server legacy foreign data wrapper postgres_fdw", "CREATE SERVER IF NOT EXISTS legacy")]
    [InlineData("create user mapping for postgres server legacy", "CREATE USER MAPPING IF NOT EXISTS FOR postgres SERVER legacy")]
    [InlineData("create statistics profile_stats on city, zip from profiles", "CREATE STATISTICS IF NOT EXISTS profile_stats")]
    [InlineData("create collation german (locale = 'de_DE')", "CREATE COLLATION IF NOT EXISTS german")]
    [InlineData("alter type mood add value 'meh' after 'ok'", "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh'")]
    public void Creates_that_postgres_can_make_idempotent_are_flagged(string sql, string fix)
    {
        var diagnostic = Assert.Single(Lint(sql + ";"));

        Assert.EndsWith("write " + fix, diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create table if not exists profiles (id uuid)")]
    [InlineData("create table if not exists totals as select 1 as n")]
    [InlineData("create materialized view if not exists stats as select 1")]
    [InlineData("create index concurrently if not exists profiles_email on profiles (email)")]
    [InlineData("create schema if not exists private")]
    [InlineData("create sequence if not exists order_no")]
    [InlineData("create extension if not exists pgcrypto")]
    [InlineData("create foreign table if not exists remote_items (id int) server legacy")]
    [InlineData("create server if not exists legacy foreign data wrapper postgres_fdw")]
    [InlineData("create user mapping if not exists for postgres server legacy")]
    [InlineData("create statistics if not exists profile_stats on city, zip from profiles")]
    [InlineData("create collation if not exists german (locale = 'de_DE')")]
    [InlineData("alter type mood add value if not exists 'meh'")]
    [InlineData("alter type mood rename value 'meh' to 'fine'")]
    public void Creates_that_say_if_not_exists_are_fine(string sql)
    {
        Assert.Empty(Lint(sql + ";"));
    }

    [Theory]
    [InlineData("create type mood as enum ('ok', 'meh')")]
    [InlineData("create domain email as text")]
    [InlineData("create view active as select 1")]
    [InlineData("create or replace function f() returns int language sql as 'select 1'")]
    [InlineData("create trigger t after insert on profiles for each row execute function f()")]
    [InlineData("create policy p on profiles for select using (true)")]
    [InlineData("create role reader")]
    [InlineData("create publication pub for all tables")]
    [InlineData("create index on profiles (email)")]
    [InlineData("create schema app create table items (id int)")]
    [InlineData("select 1 into totals")]
    [InlineData("alter table profiles add constraint email_unique unique (email)")]
    public void Statements_postgres_offers_no_if_not_exists_for_are_left_alone(string sql)
    {
        Assert.Empty(Lint(sql + ";"));
    }

    [Theory]
    [InlineData("drop table profiles", "DROP TABLE IF EXISTS profiles")]
    [InlineData("drop table a, app.b cascade", "DROP TABLE IF EXISTS a, app.b")]
    [InlineData("drop index concurrently profiles_email", "DROP INDEX CONCURRENTLY IF EXISTS profiles_email")]
    [InlineData("drop view active", "DROP VIEW IF EXISTS active")]
    [InlineData("drop materialized view stats", "DROP MATERIALIZED VIEW IF EXISTS stats")]
    [InlineData("drop sequence order_no", "DROP SEQUENCE IF EXISTS order_no")]
    [InlineData("drop schema private cascade", "DROP SCHEMA IF EXISTS private")]
    [InlineData("drop type public.mood", "DROP TYPE IF EXISTS public.mood")]
    [InlineData("drop extension pgcrypto", "DROP EXTENSION IF EXISTS pgcrypto")]
    [InlineData("drop function f(int)", "DROP FUNCTION IF EXISTS ...")]
    [InlineData("drop trigger on_signup on auth.users", "DROP TRIGGER IF EXISTS on_signup ON auth.users")]
    [InlineData("drop policy \"Owners can read\" on profiles", "DROP POLICY IF EXISTS Owners can read ON profiles")]
    [InlineData("drop server legacy", "DROP SERVER IF EXISTS legacy")]
    [InlineData("drop text search configuration english_simple", "DROP TEXT SEARCH CONFIGURATION IF EXISTS english_simple")]
    [InlineData("drop statistics profile_stats", "DROP STATISTICS IF EXISTS profile_stats")]
    [InlineData("drop role reader", "DROP ROLE IF EXISTS reader")]
    [InlineData("drop subscription sub", "DROP SUBSCRIPTION IF EXISTS sub")]
    [InlineData("drop user mapping for postgres server legacy", "DROP USER MAPPING IF EXISTS FOR postgres SERVER legacy")]
    public void Drops_without_if_exists_are_flagged(string sql, string fix)
    {
        var diagnostic = Assert.Single(Lint(sql + ";"));

        Assert.EndsWith("write " + fix, diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("drop table if exists profiles")]
    [InlineData("drop index concurrently if exists profiles_email")]
    [InlineData("drop function if exists f(int)")]
    [InlineData("drop trigger if exists on_signup on auth.users")]
    [InlineData("drop policy if exists p on profiles")]
    [InlineData("drop role if exists reader")]
    [InlineData("drop owned by reader")]
    public void Drops_with_if_exists_are_fine(string sql)
    {
        Assert.Empty(Lint(sql + ";"));
    }

    [Fact]
    public void Each_alter_table_command_without_if_exists_is_flagged()
    {
        var diagnostics = Lint("alter table public.profiles\n  add column bio text,\n  add column if not exists avatar text,\n  drop column legacy,\n  drop column if exists older,\n  drop constraint profiles_bio_check,\n  drop constraint if exists other_check,\n  alter column bio set not null;");

        Assert.Collection(
            diagnostics,
            d => Assert.EndsWith("write ALTER TABLE public.profiles ADD COLUMN IF NOT EXISTS bio ...", d.Message, StringComparison.Ordinal),
            d => Assert.EndsWith("write ALTER TABLE public.profiles DROP COLUMN IF EXISTS legacy", d.Message, StringComparison.Ordinal),
            d => Assert.EndsWith("write ALTER TABLE public.profiles DROP CONSTRAINT IF EXISTS profiles_bio_check", d.Message, StringComparison.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal((1, 1), (d.Span.Start.Line, d.Span.Start.Column)));
    }

    [Fact]
    public void Tables_created_earlier_in_the_file_and_temporary_tables_are_skipped()
    {
        var sql = """
            create table if not exists items (id int);
            alter table items add column note text, drop column id;
            create index items_note on items (note);
            drop table items;
            create temp table scratch (id int);
            create temporary table scratch_copy as select 1;
            create temp sequence scratch_no;
            alter table scratch add column note text;
            create index scratch_id on scratch (id);
            drop table scratch, pg_temp.scratch_copy;
            """;

        Assert.Empty(Lint(sql));
    }

    [Fact]
    public void Dropping_a_new_table_together_with_an_old_one_is_still_flagged()
    {
        Assert.Single(Lint("create table if not exists items (id int);\ndrop table items, orders;"));
    }

    [Fact]
    public void Comments_strings_and_bodies_are_not_top_level_statements()
    {
        var sql = """
            -- create table t (id int);
            select 'drop table t';
            do $$ begin create table t (id int); end $$;
            create or replace function f() returns void language sql as $$ create table t (id int) $$;
            """;

        Assert.Empty(Lint(sql));
    }

    [Theory]
    [InlineData("-- supabase-lint-ignore-file SB1004")]
    [InlineData("-- supabase-lint-ignore-file prefer-robust-stmts: this file always runs once")]
    [InlineData("-- squawk-ignore-file prefer-robust-stmts")]
    public void File_level_suppression_covers_every_statement(string comment)
    {
        Assert.Empty(Lint($"create table a (id int);\n{comment}\ncreate table b (id int);\ndrop index i;"));
    }

    [Fact]
    public void Statement_suppression_by_squawk_name_covers_one_statement()
    {
        var diagnostic = Assert.Single(Lint("-- squawk-ignore prefer-robust-stmts\ncreate table a (id int);\ncreate table b (id int);"));

        Assert.Equal(3, diagnostic.Span.Start.Line);
    }
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Push;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Push;

/// <summary>The history table: shared with the Supabase CLI, reconciled before anything is applied.</summary>
[Collection(PushDatabaseGroup.Name)]
public sealed class HistoryTests(ThrowawayPostgres postgres)
{
    // The Supabase CLI's own statements (pkg/migration/history.go), as it runs them before a push.
    private const string CliHistoryDdl = """
        SET lock_timeout = '4s';
        CREATE SCHEMA IF NOT EXISTS supabase_migrations;
        CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY);
        ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[];
        ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text;
        """;

    [Fact]
    public async Task A_history_table_the_Supabase_CLI_created_and_filled_is_read_and_extended()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        await workspace.ExecuteAsync(CliHistoryDdl);
        // A newer CLI may add columns; ours must not care.
        await workspace.ExecuteAsync("ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS created_by text DEFAULT 'cli'");
        await workspace.ExecuteAsync("create table public.profiles (id uuid primary key)");
        await workspace.ExecuteAsync(
            "INSERT INTO supabase_migrations.schema_migrations(version, name, statements) VALUES "
            + "('20240101000000', 'create_profiles', ARRAY['-- profiles\nCREATE TABLE public.profiles (id uuid primary key)'])");
        workspace.Add("20240101000000_create_profiles.sql", "-- profiles\ncreate table public.profiles (\n  id uuid primary key\n);\n");
        workspace.Add("20240201000000_add_name.sql", "alter table public.profiles add column if not exists name text;");

        var (result, progress) = await workspace.PushAsync();

        Assert.True(result.Succeeded, progress.Text);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SB0512"); // same tokens, other case and layout
        Assert.Equal(["20240201000000"], result.Applied.Select(a => a.Version));
        var history = await workspace.HistoryAsync();
        Assert.Equal([("20240101000000", "create_profiles"), ("20240201000000", "add_name")], history.Select(h => (h.Version, h.Name)));
        Assert.Equal(["alter table public.profiles add column if not exists name text"], history[1].Statements!);
        Assert.Equal("cli", await workspace.ScalarAsync<string>("select created_by from supabase_migrations.schema_migrations where version = '20240201000000'"));
    }

    [Fact]
    public async Task A_history_table_of_an_old_CLI_without_statements_and_name_columns_gets_them()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        await workspace.ExecuteAsync("CREATE SCHEMA supabase_migrations; CREATE TABLE supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY);");
        await workspace.ExecuteAsync("INSERT INTO supabase_migrations.schema_migrations (version) VALUES ('20240101000000')");
        workspace.Add("20240101000000_old.sql", "select 1;");
        workspace.Add("20240201000000_new.sql", "create table public.n (id int);");

        var dry = await workspace.PushAsync(o => o with { DryRun = true });
        Assert.True(dry.Result.Succeeded, dry.Progress.Text);
        Assert.Equal(["20240201000000_new.sql"], dry.Result.Pending);

        var (result, progress) = await workspace.PushAsync();

        Assert.True(result.Succeeded, progress.Text);
        var history = await workspace.HistoryAsync();
        Assert.Equal([("20240101000000", (string?)null), ("20240201000000", "new")], history.Select(h => (h.Version, h.Name)));
        Assert.Null(history[0].Statements!);
        Assert.Equal(["create table public.n (id int)"], history[1].Statements!);
    }

    [Fact]
    public async Task A_history_our_push_wrote_is_what_the_Supabase_CLI_reads()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "create table public.a (id int);");
        Assert.True((await workspace.PushAsync()).Result.Succeeded);

        // The CLI's own statements are no-ops on our table; its list query and its insert work on it.
        await workspace.ExecuteAsync(CliHistoryDdl);
        Assert.Equal("20240101000000", await workspace.ScalarAsync<string>("SELECT version FROM supabase_migrations.schema_migrations ORDER BY version"));
        await workspace.ExecuteAsync("INSERT INTO supabase_migrations.schema_migrations(version, name, statements) VALUES ('20240201000000', 'b', ARRAY['create table b (id int)'])");
        Assert.Equal(
            ["version:text", "statements:text[]", "name:text"],
            (await workspace.ScalarAsync<string[]>(
                "select array_agg(attname || ':' || format_type(atttypid, atttypmod) order by attnum) from pg_attribute "
                + "where attrelid = 'supabase_migrations.schema_migrations'::regclass and attnum > 0 and not attisdropped"))!);
    }

    [Fact]
    public async Task A_version_applied_remotely_but_missing_locally_stops_the_push()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "create table public.a (id int);");
        Assert.True((await workspace.PushAsync()).Result.Succeeded);
        await workspace.ExecuteAsync("insert into supabase_migrations.schema_migrations (version, name, statements) values ('20240115000000', 'from_another_branch', '{}')");
        workspace.Add("20240201000000_b.sql", "create table public.b (id int);");

        var (result, progress) = await workspace.PushAsync();

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("SB0510", error.Id);
        Assert.Equal(workspace.Directory, error.FilePath);
        Assert.Contains("version 20240115000000 (from_another_branch) is applied to", error.Message, StringComparison.Ordinal);
        Assert.Contains("supabase migration repair --status reverted 20240115000000", error.Message, StringComparison.Ordinal);
        Assert.False(await workspace.ExistsAsync("public.b"));
        Assert.StartsWith("Nothing was pushed", progress.Events[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pending_version_older_than_the_newest_applied_one_stops_the_push_unless_IncludeAll()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "create table public.a (id int);");
        workspace.Add("20240301000000_c.sql", "create table public.c (id int);");
        Assert.True((await workspace.PushAsync()).Result.Succeeded);
        var late = workspace.Add("20240201000000_b.sql", "create table public.b (id int);");
        workspace.Add("20240401000000_d.sql", "create table public.d (id int);");

        var (result, _) = await workspace.PushAsync();

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("SB0511", late), (error.Id, error.FilePath));
        Assert.Contains("already has the newer version 20240301000000", error.Message, StringComparison.Ordinal);
        Assert.False(await workspace.ExistsAsync("public.d"));

        var (included, progress) = await workspace.PushAsync(o => o with { IncludeAll = true });
        Assert.True(included.Succeeded, progress.Text);
        Assert.Equal(["20240201000000", "20240401000000"], included.Applied.Select(a => a.Version));
        Assert.Equal(["20240101000000", "20240201000000", "20240301000000", "20240401000000"], await workspace.VersionsAsync());
    }

    [Fact]
    public async Task An_applied_migration_edited_afterwards_is_a_warning_at_the_first_difference_and_is_not_run_again()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        var edited = workspace.Add("20240101000000_a.sql", "create table public.a (id int);\ncreate table public.b (id int);\n");
        Assert.True((await workspace.PushAsync()).Result.Succeeded);
        File.WriteAllText(edited, "-- now documented\nCREATE TABLE public.a (id int);\n\ncreate table public.b (id bigint);\n");
        workspace.Add("20240201000000_c.sql", "create table public.c (id int);");

        var (result, progress) = await workspace.PushAsync();

        Assert.True(result.Succeeded, progress.Text);
        var warning = Assert.Single(result.Diagnostics, d => d.Id == "SB0512");
        Assert.Equal((DiagnosticSeverity.Warning, edited, 4, 27), (warning.Severity, warning.FilePath, warning.Span.Start.Line, warning.Span.Start.Column));
        Assert.Contains("put the change in a new migration", warning.Message, StringComparison.Ordinal);
        Assert.Equal(["20240201000000"], result.Applied.Select(a => a.Version));
        Assert.Equal("integer", await workspace.ScalarAsync<string>("select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'public.b'::regclass and attname = 'id'"));
    }

    [Fact]
    public async Task NoWarn_and_the_severity_policy_apply_to_the_push_checks()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        var edited = workspace.Add("20240101000000_a.sql", "create table public.a (id int);");
        Assert.True((await workspace.PushAsync()).Result.Succeeded);
        File.WriteAllText(edited, "create table public.a (id bigint);");
        workspace.Add("20240201000000_b.sql", "create table public.b (id int);");

        var asError = await workspace.PushAsync(o => o with
        {
            DiagnosticPolicy = d => d.Id == "SB0512" ? d with { Severity = DiagnosticSeverity.Error } : d,
        });
        Assert.False(asError.Result.Succeeded);
        Assert.False(await workspace.ExistsAsync("public.b"));

        var silenced = await workspace.PushAsync(o => o with { DisabledRules = ["applied-migration-edited"] });
        Assert.True(silenced.Result.Succeeded, silenced.Progress.Text);
        Assert.DoesNotContain(silenced.Result.Diagnostics, d => d.Id == "SB0512");
        Assert.True(await workspace.ExistsAsync("public.b"));
    }
}

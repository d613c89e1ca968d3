using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Push;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Push;

/// <summary>Pushing to a real PostgreSQL 15: what runs, what is recorded, and in which form.</summary>
[Collection(PushDatabaseGroup.Name)]
public sealed class PushTests(ThrowawayPostgres postgres)
{
    [Fact]
    public async Task Pending_migrations_are_applied_in_version_order_and_recorded_as_the_Supabase_CLI_records_them()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_create_profiles.sql", "-- profiles of users\ncreate table public.profiles (id uuid primary key, name text);\n\ncomment on table public.profiles is 'a; b';\n");
        workspace.Add("20240102000000_create_todos.sql", "create table public.todos (id bigint primary key, owner uuid references public.profiles (id));\ninsert into public.todos (id) values (1);");
        workspace.Add("20240103000000_seed_view.sql", "create view public.todo_count as select count(*) as n from public.todos;\n-- the end\n");

        var (result, progress) = await workspace.PushAsync();

        Assert.True(result.Succeeded, progress.Text);
        Assert.Equal(3, result.Applied.Count);
        Assert.Equal(1L, await workspace.ScalarAsync<long>("select n from public.todo_count"));
        var history = await workspace.HistoryAsync();
        Assert.Equal(["20240101000000", "20240102000000", "20240103000000"], history.Select(h => h.Version));
        Assert.Equal(["create_profiles", "create_todos", "seed_view"], history.Select(h => h.Name));

        // The CLI's form: the text from the previous semicolon, comments included, trimmed, without the semicolon.
        Assert.Equal(
            ["-- profiles of users\ncreate table public.profiles (id uuid primary key, name text)", "comment on table public.profiles is 'a; b'"],
            history[0].Statements!);
        Assert.Equal(["create view public.todo_count as select count(*) as n from public.todos"], history[2].Statements!);
        Assert.Contains(progress.Events, e => e.Kind == PushEventKind.Applied && e.Message.StartsWith("Applied 20240101000000_create_profiles.sql: 2 statements in ", StringComparison.Ordinal));
        Assert.Contains("Pushed 3 migrations (5 statements)", progress.Events[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_push_has_nothing_to_do()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "create table public.a (id int);");
        Assert.True((await workspace.PushAsync()).Result.Succeeded);

        var (result, progress) = await workspace.PushAsync();

        Assert.True(result.Succeeded, progress.Text);
        Assert.Empty(result.Applied);
        Assert.Contains("is up to date: 1 migration applied, nothing to push", progress.Events[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_new_migrations_run_on_the_next_push()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "create table public.a (id int);");
        Assert.True((await workspace.PushAsync()).Result.Succeeded);
        workspace.Add("20240201000000_b.sql", "insert into public.a values (1);");

        var (result, progress) = await workspace.PushAsync();

        Assert.True(result.Succeeded, progress.Text);
        Assert.Equal(["20240201000000"], result.Applied.Select(a => a.Version));
        Assert.Equal(1L, await workspace.ScalarAsync<long>("select count(*) from public.a"));
    }

    [Fact]
    public async Task Dry_run_reports_what_would_run_and_changes_nothing()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "create table public.a (id int);\ninsert into public.a values (1);");
        workspace.Add("20240102000000_b.sql", "create index concurrently if not exists a_id on public.a (id);");

        var (result, progress) = await workspace.PushAsync(o => o with { DryRun = true });

        Assert.True(result.Succeeded, progress.Text);
        Assert.True(result.DryRun);
        Assert.Empty(result.Applied);
        Assert.Equal(["20240101000000_a.sql", "20240102000000_b.sql"], result.Pending);
        Assert.Contains(progress.Events, e => e.Message == "Would apply 20240101000000_a.sql: 2 statements");
        Assert.Contains(progress.Events, e => e.Message.StartsWith("Would apply 20240102000000_b.sql: 1 statement (statement by statement, outside a transaction: CREATE INDEX CONCURRENTLY (line 1))", StringComparison.Ordinal));
        Assert.Contains(progress.Events, e => e.Kind == PushEventKind.Detail && e.Message.Contains("20240101000000_a.sql(2,1): insert into public.a values (1)", StringComparison.Ordinal));
        Assert.Contains("nothing was changed", progress.Events[^1].Message, StringComparison.Ordinal);
        Assert.False(await workspace.ExistsAsync("public.a"));
        Assert.False(await workspace.ScalarAsync<bool>("select to_regnamespace('supabase_migrations') is not null"));
    }

    [Fact]
    public async Task A_pending_migration_with_a_lint_error_stops_the_push_before_anything_runs()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "create table if not exists public.a (id int);");
        Assert.True((await workspace.PushAsync()).Result.Succeeded);
        workspace.Add("20240102000000_b.sql", "create table if not exists public.b (id int);");
        var unsafeFile = workspace.Add("20240103000000_c.sql", "\n  create index if not exists a_id on public.a (id);");

        var (result, progress) = await workspace.PushAsync();

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("SB1003", unsafeFile, 2, 3), (error.Id, error.FilePath, error.Span.Start.Line, error.Span.Start.Column));
        Assert.False(await workspace.ExistsAsync("public.b"));
        Assert.Equal(["20240101000000"], await workspace.VersionsAsync());
        Assert.Contains("SupabasePushSkipLint=true", progress.Events[^1].Message, StringComparison.Ordinal);

        var (skipped, skippedProgress) = await workspace.PushAsync(o => o with { Lint = false });
        Assert.True(skipped.Succeeded, skippedProgress.Text);
        Assert.True(await workspace.ExistsAsync("public.a_id"));
    }

    [Fact]
    public async Task The_push_lints_at_the_given_PostgreSQL_version()
    {
        // 1_000 is PostgreSQL 16 syntax; the throwaway server is 15, so it fails there: the lint must stop it first.
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        var newer = workspace.Add("20240101000000_a.sql", "create table if not exists public.a (id int);\ninsert into public.a (id) values (1_000);");

        var (result, progress) = await workspace.PushAsync(o => o with { PostgresVersion = PostgresVersion.FromProperty(15) });

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("SB1041", newer, 2, 35), (error.Id, error.FilePath, error.Span.Start.Line, error.Span.Start.Column));
        Assert.Contains("SupabasePostgresVersion says 15", error.Message, StringComparison.Ordinal);
        Assert.Empty(await workspace.VersionsAsync());
        Assert.Contains("SupabasePushSkipLint=true", progress.Events[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoWarn_turns_a_lint_rule_off_for_the_push()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "create table if not exists public.a (id int);\ncreate index if not exists a_id on public.a (id);");
        workspace.Add("20240102000000_b.sql", "create index if not exists a_id2 on public.a (id);");

        var (result, progress) = await workspace.PushAsync(o => o with { DisabledRules = ["require-concurrent-index-creation"] });

        Assert.True(result.Succeeded, progress.Text);
        Assert.Equal(2, result.Applied.Count);
    }

    [Fact]
    public async Task A_file_with_a_syntax_error_is_never_pushed_even_without_the_lint()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        var broken = workspace.Add("20240101000000_a.sql", "create table public.a (id int);\ncreate tabel public.b (id int);");

        var (result, progress) = await workspace.PushAsync(o => o with { Lint = false });

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("SB0001", broken, 2), (error.Id, error.FilePath, error.Span.Start.Line));
        Assert.False(await workspace.ExistsAsync("public.a"));
        Assert.Contains("Nothing was pushed", progress.Events[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statements_are_sent_verbatim_including_BEGIN_ATOMIC_bodies_and_placeholder_lookalikes()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add(
            "20240101000000_functions.sql",
            """
            create function public.two() returns int language sql
            begin atomic
              select 1;
              select 2;
            end;
            create function public.echo(a text) returns text language sql as $$ select a || ':x' || '@y' $$;
            create table public.t (label text default ':not_a_parameter @neither');
            insert into public.t default values;
            """);

        var (result, progress) = await workspace.PushAsync();

        Assert.True(result.Succeeded, progress.Text);
        Assert.Equal(2, await workspace.ScalarAsync<int>("select public.two()"));
        Assert.Equal("b:x@y", await workspace.ScalarAsync<string>("select public.echo('b')"));
        Assert.Equal(":not_a_parameter @neither", await workspace.ScalarAsync<string>("select label from public.t"));
        var statements = (await workspace.HistoryAsync())[0].Statements!;
        Assert.Equal(4, statements.Length);
        Assert.EndsWith("select 2;\nend", statements[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_wrapped_in_BEGIN_and_COMMIT_runs_in_the_push_transaction_with_its_history_row()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_ok.sql", "begin;\ncreate table public.a (id int);\ncommit;\n");
        workspace.Add("20240102000000_fails.sql", "BEGIN;\ncreate table public.b (id int);\ninsert into public.b values ('x');\nCOMMIT;\n");

        var (result, progress) = await workspace.PushAsync();

        Assert.False(result.Succeeded);
        Assert.Contains(progress.Events, e => e.Message.StartsWith("Applied 20240101000000_ok.sql: 1 statement in", StringComparison.Ordinal) && e.Message.EndsWith("(its BEGIN/COMMIT replaced by the push's transaction)", StringComparison.Ordinal));
        Assert.True(await workspace.ExistsAsync("public.a"));
        Assert.False(await workspace.ExistsAsync("public.b"));
        Assert.Equal(["20240101000000"], await workspace.VersionsAsync());
        Assert.Equal(["begin", "create table public.a (id int)", "commit"], (await workspace.HistoryAsync())[0].Statements!);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("SB0501", 3, 30), (error.Id, error.Span.Start.Line, error.Span.Start.Column));
    }

    [Fact]
    public async Task An_empty_migration_is_recorded_with_no_statements()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_empty.sql", "-- nothing yet\n");

        var (result, progress) = await workspace.PushAsync();

        Assert.True(result.Succeeded, progress.Text);
        Assert.Contains(result.Diagnostics, d => d.Id == "SB0006");
        var row = Assert.Single(await workspace.HistoryAsync());
        Assert.Equal(("20240101000000", "empty"), (row.Version, row.Name));
        Assert.Empty(row.Statements!);
    }

    [Fact]
    public async Task Server_notices_are_reported_as_progress()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "do $$ begin raise warning 'heads up: %', 42; end $$;");

        var (result, progress) = await workspace.PushAsync();

        Assert.True(result.Succeeded, progress.Text);
        Assert.Contains(progress.Events, e => e.Kind == PushEventKind.ServerNotice && e.Message == "WARNING: heads up: 42");
    }

    [Fact]
    public async Task Status_lists_local_and_applied_versions_side_by_side()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "create table public.a (id int);");
        workspace.Add("20240102000000_b.sql", "create table public.b (id int);");
        var before = await workspace.StatusAsync();
        Assert.True(before.Succeeded);
        Assert.False(before.HistoryExists);
        Assert.Equal([MigrationState.Pending, MigrationState.Pending], before.Entries.Select(e => e.State));

        Assert.True((await workspace.PushAsync()).Result.Succeeded);
        workspace.Add("20240101120000_between.sql", "select 1;");
        workspace.Add("20240103000000_c.sql", "select 1;");
        File.WriteAllText(Path.Combine(workspace.Directory, "20240102000000_b.sql"), "create table public.b (id bigint);");
        await workspace.ExecuteAsync("insert into supabase_migrations.schema_migrations (version, name) values ('20230101000000', 'elsewhere')");

        var after = await workspace.StatusAsync();

        Assert.True(after.Succeeded);
        Assert.Equal(
            [("20230101000000", MigrationState.RemoteOnly, false), ("20240101000000", MigrationState.Applied, false),
             ("20240101120000", MigrationState.OutOfOrder, false), ("20240102000000", MigrationState.Applied, true),
             ("20240103000000", MigrationState.Pending, false)],
            after.Entries.Select(e => (e.Version, e.State, e.Edited)));
        Assert.Equal(new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc), after.Entries[2].Timestamp);
        Assert.Equal("elsewhere", after.Entries[0].Name);
    }
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Push;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Push;

/// <summary>Failures: what stays applied, what is recorded, and where the error points in the file.</summary>
[Collection(PushDatabaseGroup.Name)]
public sealed class PushFailureTests(ThrowawayPostgres postgres)
{
    [Fact]
    public async Task Failure_in_the_third_of_five_keeps_the_first_two_and_leaves_nothing_of_the_third()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_one.sql", "create table public.one (id int primary key);");
        workspace.Add("20240102000000_two.sql", "create table public.two (id int primary key);\ninsert into public.two values (1);");
        var third = workspace.Add(
            "20240103000000_three.sql",
            "create table public.three (id int primary key);\ninsert into public.three values (1);\n-- the same key again\n  insert into public.three values (1);\n");
        workspace.Add("20240104000000_four.sql", "create table public.four (id int);");
        workspace.Add("20240105000000_five.sql", "create table public.five (id int);");

        var (result, progress) = await workspace.PushAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(["20240101000000", "20240102000000"], result.Applied.Select(a => a.Version));
        Assert.Equal(["20240101000000", "20240102000000"], await workspace.VersionsAsync());
        Assert.True(await workspace.ExistsAsync("public.two"));
        Assert.False(await workspace.ExistsAsync("public.three"));
        Assert.False(await workspace.ExistsAsync("public.four"));

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("SB0501", third, 4, 3), (error.Id, error.FilePath, error.Span.Start.Line, error.Span.Start.Column));
        Assert.StartsWith("duplicate key value violates unique constraint \"three_pkey\" [23505] DETAIL: Key (id)=(1) already exists.", error.Message, StringComparison.Ordinal);
        Assert.Contains("statement 3; nothing of this migration was applied", error.Message, StringComparison.Ordinal);
        Assert.Contains("Push failed after 2 migrations of 5 were applied", progress.Events[^1].Message, StringComparison.Ordinal);

        // Fixed, the push goes on from the third.
        File.WriteAllText(third, "create table public.three (id int primary key);\ninsert into public.three values (1);\n");
        var (again, againProgress) = await workspace.PushAsync();
        Assert.True(again.Succeeded, againProgress.Text);
        Assert.Equal(["20240103000000", "20240104000000", "20240105000000"], again.Applied.Select(a => a.Version));
    }

    [Fact]
    public async Task The_server_position_is_mapped_to_the_line_and_column_in_the_file_counting_characters_not_bytes()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        var file = workspace.Add(
            "20240101000000_unicode.sql",
            "create table public.café (id int, naïve text);\n\n  select 'déjà vu 🎉', naïve, nosuch\n    from public.café;\n");

        var (result, _) = await workspace.PushAsync();

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("SB0501", file), (error.Id, error.FilePath));
        // Line 3: two spaces, then "select 'déjà vu 🎉', naïve, " (the emoji is two UTF-16 columns, as editors count).
        Assert.Equal(3, error.Span.Start.Line);
        Assert.Equal("  select 'déjà vu 🎉', naïve, ".Length + 1, error.Span.Start.Column);
        Assert.StartsWith("column \"nosuch\" does not exist [42703]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_inside_a_DO_block_points_at_the_failing_query_in_the_block()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        var file = workspace.Add(
            "20240101000000_do.sql",
            "do $$\nbegin\n  perform 1;\n  insert into public.missing values (1);\nend\n$$;\n");

        var (result, _) = await workspace.PushAsync();

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("SB0501", file, 4), (error.Id, error.FilePath, error.Span.Start.Line));
        Assert.Equal("  insert into ".Length + 1, error.Span.Start.Column);
        Assert.Contains("relation \"public.missing\" does not exist [42P01]", error.Message, StringComparison.Ordinal);
        Assert.Contains("CONTEXT: PL/pgSQL function inline_code_block line 4 at SQL statement", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_transactional_file_runs_statement_by_statement_and_the_error_says_what_ran_and_which_INVALID_index_is_left()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_table.sql", "create table public.accounts (id int primary key, email text);\ninsert into public.accounts values (1, 'a@x'), (2, 'a@x');");
        var concurrent = workspace.Add(
            "20240102000000_indexes.sql",
            "create index concurrently if not exists accounts_email_idx on public.accounts (email);\n"
            + "create table if not exists public.audit (id int);\n"
            + "create unique index concurrently accounts_email_key on public.accounts (email);\n"
            + "create table if not exists public.after (id int);\n");

        var (result, progress) = await workspace.PushAsync();

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("SB0501", concurrent, 3, 1), (error.Id, error.FilePath, error.Span.Start.Line, error.Span.Start.Column));
        Assert.StartsWith("could not create unique index \"accounts_email_key\" [23505] DETAIL: Key (email)=(a@x) is duplicated.", error.Message, StringComparison.Ordinal);
        Assert.Contains("statement 3 of 4; statements 1-2 of 4 (lines 1-2 of 20240102000000_indexes.sql) had already run and stay applied", error.Message, StringComparison.Ordinal);
        Assert.Contains("because of CREATE INDEX CONCURRENTLY (line 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("INVALID index left behind: public.accounts_email_key", error.Message, StringComparison.Ordinal);

        // What ran stays; the file is not recorded; the statement after the failure did not run.
        Assert.Equal(["20240101000000"], await workspace.VersionsAsync());
        Assert.True(await workspace.ScalarAsync<bool>("select indisvalid from pg_index where indexrelid = 'public.accounts_email_idx'::regclass"));
        Assert.False(await workspace.ScalarAsync<bool>("select indisvalid from pg_index where indexrelid = 'public.accounts_email_key'::regclass"));
        Assert.True(await workspace.ExistsAsync("public.audit"));
        Assert.False(await workspace.ExistsAsync("public.after"));
        Assert.Contains(progress.Events, e => e.Message.StartsWith("Applied 20240101000000_table.sql", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_non_transactional_file_that_succeeds_is_recorded_after_its_last_statement()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_table.sql", "create table public.accounts (id int primary key, email text);");
        workspace.Add("20240102000000_index.sql", "create index concurrently if not exists accounts_email_idx on public.accounts (email);\nvacuum (analyze) public.accounts;");

        var (result, progress) = await workspace.PushAsync();

        Assert.True(result.Succeeded, progress.Text);
        Assert.Equal(ExecutionMode.StatementByStatement, result.Applied[1].Mode);
        Assert.Contains(progress.Events, e => e.Message.StartsWith("Applied 20240102000000_index.sql: 2 statements in ", StringComparison.Ordinal)
            && e.Message.EndsWith("(statement by statement, outside a transaction: CREATE INDEX CONCURRENTLY (line 1))", StringComparison.Ordinal));
        Assert.Equal(["20240101000000", "20240102000000"], await workspace.VersionsAsync());
        Assert.True(await workspace.ScalarAsync<bool>("select indisvalid from pg_index where indexrelid = 'public.accounts_email_idx'::regclass"));
    }

    [Fact]
    public async Task An_INVALID_index_that_CREATE_INDEX_CONCURRENTLY_IF_NOT_EXISTS_would_skip_stops_the_push()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_table.sql", "create table public.accounts (id int primary key, email text);\ninsert into public.accounts values (1, 'a'), (2, 'a');");
        Assert.True((await workspace.PushAsync()).Result.Succeeded);
        // What an interrupted or failed concurrent build leaves behind.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => workspace.ExecuteAsync("create unique index concurrently accounts_email_key on public.accounts (email)"));
        await workspace.ExecuteAsync("delete from public.accounts where id = 2");
        var file = workspace.Add("20240102000000_index.sql", "create unique index concurrently if not exists accounts_email_key on public.accounts (email);");

        var (result, _) = await workspace.PushAsync();

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("SB0505", file, 1), (error.Id, error.FilePath, error.Span.Start.Line));
        Assert.Contains("index public.accounts_email_key exists but is INVALID", error.Message, StringComparison.Ordinal);
        Assert.Contains("DROP INDEX CONCURRENTLY public.accounts_email_key;", error.Message, StringComparison.Ordinal);
        Assert.Equal(["20240101000000"], await workspace.VersionsAsync());

        await workspace.ExecuteAsync("drop index concurrently public.accounts_email_key");
        var (again, progress) = await workspace.PushAsync();
        Assert.True(again.Succeeded, progress.Text);
        Assert.True(await workspace.ScalarAsync<bool>("select indisvalid from pg_index where indexrelid = 'public.accounts_email_key'::regclass"));
    }

    [Fact]
    public async Task Lock_timeout_stops_a_statement_that_waits_for_a_lock_and_says_which_setting_to_raise()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_table.sql", "create table public.busy (id int);");
        Assert.True((await workspace.PushAsync()).Result.Succeeded);
        var file = workspace.Add("20240102000000_alter.sql", "alter table public.busy add column if not exists note text;");

        await using var holder = await workspace.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockTable = new Npgsql.NpgsqlCommand("lock table public.busy in access share mode", holder, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var (result, _) = await workspace.PushAsync(o => o with { LockTimeout = TimeSpan.FromMilliseconds(300) });

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("SB0501", file), (error.Id, error.FilePath));
        Assert.StartsWith("canceling statement due to lock timeout [55P03]", error.Message, StringComparison.Ordinal);
        Assert.Contains("lock_timeout is 300ms", error.Message, StringComparison.Ordinal);
        await transaction.RollbackAsync();
        Assert.Equal(["20240101000000"], await workspace.VersionsAsync());
    }

    [Fact]
    public async Task A_concurrent_index_build_waits_for_older_transactions_however_long_lock_timeout_is()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_table.sql", "create table public.busy (id int);");
        Assert.True((await workspace.PushAsync()).Result.Succeeded);
        workspace.Add("20240102000000_index.sql", "create index concurrently if not exists busy_id_idx on public.busy (id);");

        // An open transaction that has written: CREATE INDEX CONCURRENTLY waits for it to end (its wait is a lock wait).
        await using var holder = await workspace.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var write = new Npgsql.NpgsqlCommand("insert into public.busy values (1)", holder, transaction))
        {
            await write.ExecuteNonQueryAsync();
        }

        var push = workspace.PushAsync(o => o with { LockTimeout = TimeSpan.FromMilliseconds(200) });
        await Task.Delay(1000);
        Assert.False(push.IsCompleted);
        await transaction.CommitAsync();
        var (result, progress) = await push;

        Assert.True(result.Succeeded, progress.Text);
        Assert.True(await workspace.ScalarAsync<bool>("select indisvalid from pg_index where indexrelid = 'public.busy_id_idx'::regclass"));
    }

    [Fact]
    public async Task Statement_timeout_applies_to_the_migration_statements()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_slow.sql", "select pg_sleep(5);");

        var (result, _) = await workspace.PushAsync(o => o with { StatementTimeout = TimeSpan.FromMilliseconds(200) });

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("canceling statement due to statement timeout [57014]", error.Message, StringComparison.Ordinal);
        Assert.Contains("statement_timeout is 200ms", error.Message, StringComparison.Ordinal);
        Assert.Empty(await workspace.VersionsAsync());
    }

    [Fact]
    public async Task Cancelling_rolls_back_the_migration_being_applied()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_fast.sql", "create table public.fast (id int);");
        workspace.Add("20240102000000_slow.sql", "create table public.slow (id int);\nselect pg_sleep(30);");
        using var cancel = new CancellationTokenSource();
        var progress = new RecordingProgress();
        var pusher = new MigrationPusher(Support.MigrationWorkspace.Parser);
        var push = pusher.PushAsync(Supabase.Build.Migrations.Discovery.MigrationDiscovery.Discover(workspace.Directory), workspace.Options(), new CancelOnApplied(progress, cancel), cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => push);

        Assert.Equal(["20240101000000"], await workspace.VersionsAsync());
        Assert.False(await workspace.ExistsAsync("public.slow"));
    }

    /// <summary>Cancels once the first migration is reported applied (the second is then running).</summary>
    private sealed class CancelOnApplied(RecordingProgress inner, CancellationTokenSource cancel) : IProgress<PushEvent>
    {
        public void Report(PushEvent value)
        {
            inner.Report(value);
            if (value.Kind == PushEventKind.Applied)
            {
                cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
            }
        }
    }
}

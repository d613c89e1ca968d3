using Npgsql;
using Supabase.Build.Cli.Tests.Support;
using Supabase.Build.Testing;

namespace Supabase.Build.Cli.Tests;

/// <summary>One throwaway PostgreSQL 15 cluster for the CLI's push and status tests; each test has its own database.</summary>
[CollectionDefinition(Name)]
public sealed class CliDatabaseGroup : ICollectionFixture<ThrowawayPostgres>
{
    public const string Name = "cli-postgres";
}

/// <summary><c>supabase-build push</c>, <c>status</c> and <c>new</c>, as the real process, against a real database.</summary>
[Collection(CliDatabaseGroup.Name)]
public sealed class PushCommandTests(ThrowawayPostgres postgres)
{
    private const string WrongPassword = "Not-The-Pa55word-7e21";

    [Fact]
    public async Task Push_applies_the_pending_migrations_and_status_shows_them_before_and_after()
    {
        using var project = new TempProject();
        var database = await postgres.CreateDatabaseAsync();
        project.Add("20240101000000_create_profiles.sql", "create table if not exists public.profiles (id uuid primary key);\n");
        project.Add("20240102000000_create_todos.sql", "create table if not exists public.todos (id bigint primary key);\ninsert into public.todos values (1);\n");
        var environment = Environment(database.DatabaseUrl);

        var before = CliRun.Run(project.Root, environment, "status");
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains("(no migration history there yet)", before.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  20240101000000 |                | 2024-01-01 00:00:00 | create_profiles | pending", before.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("0 applied, 2 pending.", before.StandardOutput, StringComparison.Ordinal);

        var push = CliRun.Run(project.Root, environment, "push");
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains($"Pushing to postgres@{postgres.Host}:{postgres.Port}/{database.Name} (from SUPABASE_DB_URL)", push.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Applied 20240101000000_create_profiles.sql: 1 statement in ", push.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Applied 20240102000000_create_todos.sql: 2 statements in ", push.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Pushed 2 migrations (3 statements)", push.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(": error ", push.StandardError, StringComparison.Ordinal);

        var after = CliRun.Run(project.Root, environment, "status", "--format", "json");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("\"state\": \"applied\"", after.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("pending", after.StandardOutput, StringComparison.Ordinal);

        var again = CliRun.Run(project.Root, environment, "push");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("is up to date: 2 migrations applied, nothing to push", again.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_statement_is_a_compiler_style_line_at_its_place_in_the_file_and_exit_code_1()
    {
        using var project = new TempProject();
        var database = await postgres.CreateDatabaseAsync();
        project.Add("20240101000000_ok.sql", "create table if not exists public.a (id int primary key);\n");
        var bad = project.Add("20240102000000_bad.sql", "insert into public.a values (1);\n\ninsert into public.a values (1);\n");

        var push = CliRun.Run(project.Root, Environment(database.DatabaseUrl), "push");

        Assert.Equal(1, push.ExitCode);
        var error = Assert.Single(push.StandardError.Split('\n'), l => l.Contains(": error ", StringComparison.Ordinal));
        Assert.Equal(
            $"{bad}(3,1): error SB0501: duplicate key value violates unique constraint \"a_pkey\" [23505] DETAIL: Key (id)=(1) already exists. (statement 2; nothing of this migration was applied: it runs in one transaction)",
            error);
        Assert.Contains("Applied 20240101000000_ok.sql", push.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Push failed after 1 migration of 2 was applied", push.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_prints_what_would_run_and_changes_nothing()
    {
        using var project = new TempProject();
        var database = await postgres.CreateDatabaseAsync();
        project.Add("20240101000000_a.sql", "create table if not exists public.a (id int);\n");

        var dry = CliRun.Run(project.Root, Environment(database.DatabaseUrl), "push", "--dry-run", "--verbose");

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("Would apply 20240101000000_a.sql: 1 statement", dry.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("20240101000000_a.sql(1,1): create table if not exists public.a (id int)", dry.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", dry.StandardOutput, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var check = new NpgsqlCommand("select to_regnamespace('supabase_migrations') is null and to_regclass('public.a') is null", connection);
        Assert.True((bool)(await check.ExecuteScalarAsync())!);
    }

    [Fact]
    public void A_wrong_password_is_one_line_on_standard_error_and_the_password_appears_nowhere()
    {
        using var project = new TempProject();
        project.Add("20240101000000_a.sql", "select 1;\n");
        var url = $"postgresql://postgres:{WrongPassword}@{postgres.Host}:{postgres.Port}/postgres";

        var push = CliRun.Run(project.Root, Environment(url), "push");

        Assert.Equal(1, push.ExitCode);
        Assert.Equal(string.Empty, push.StandardOutput);
        var line = Assert.Single(push.StandardError.TrimEnd().Split('\n'));
        Assert.Equal(
            $"supabase-build: error SB0502: could not connect to postgres@{postgres.Host}:{postgres.Port}/postgres (from SUPABASE_DB_URL): "
            + "password authentication failed for user \"postgres\" [28P01]; check the user and password in SUPABASE_DB_URL",
            line);
        Assert.DoesNotContain(WrongPassword, push.StandardOutput + push.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_host_is_one_line_on_standard_error_and_the_password_appears_nowhere()
    {
        using var project = new TempProject();
        project.Add("20240101000000_a.sql", "select 1;\n");

        var push = CliRun.Run(project.Root, Environment(null), "push", "--db-url", $"postgresql://postgres:{WrongPassword}@127.0.0.1:1/postgres");
        var status = CliRun.Run(project.Root, Environment(null), "status", "--db-url", $"postgresql://postgres:{WrongPassword}@127.0.0.1:1/postgres");

        foreach (var run in new[] { push, status })
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Equal(string.Empty, run.StandardOutput);
            var line = Assert.Single(run.StandardError.TrimEnd().Split('\n'));
            Assert.StartsWith("supabase-build: error SB0502: could not connect to postgres@127.0.0.1:1/postgres (from --db-url): connection refused", line, StringComparison.Ordinal);
            Assert.DoesNotContain(WrongPassword, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_bad_timeout_is_a_usage_error()
    {
        using var project = new TempProject();
        project.Add("20240101000000_a.sql", "select 1;\n");

        var push = CliRun.Run(project.Root, Environment(null), "push", "--lock-timeout", "five seconds");

        Assert.Equal(2, push.ExitCode);
        Assert.Equal(
            "supabase-build: error SB0504: --lock-timeout 'five seconds' is not a duration: write it as PostgreSQL does, e.g. 5s, 500ms, 2min, or 0 for none",
            push.StandardError.TrimEnd());
    }

    [Fact]
    public void New_creates_a_timestamped_empty_migration_in_the_nearest_migrations_folder()
    {
        using var project = new TempProject();
        var nested = Path.Combine(project.Root, "src", "App");
        Directory.CreateDirectory(nested);

        var created = CliRun.Run(nested, "new", "add_profiles");

        Assert.True(created.ExitCode == 0, created.ToString());
        var path = created.StandardOutput.Trim();
        Assert.Equal(project.Migrations, Path.GetDirectoryName(path));
        Assert.Matches(@"^[0-9]{14}_add_profiles\.sql$", Path.GetFileName(path));
        Assert.True(File.Exists(path));

        var refused = CliRun.Run(nested, "new", "add profiles");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("'add profiles' is not a usable migration name", refused.StandardError, StringComparison.Ordinal);
    }

    internal static Dictionary<string, string?> Environment(string? databaseUrl) => new() { ["SUPABASE_DB_URL"] = databaseUrl };
}

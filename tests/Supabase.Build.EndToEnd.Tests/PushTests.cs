using Npgsql;
using Supabase.Build.Testing;

namespace Supabase.Build.EndToEnd.Tests;

/// <summary>
/// <c>dotnet msbuild -t:SupabasePush</c> (and its companions) on a consumer project that takes the packed SDK from the
/// feed, against a throwaway PostgreSQL 15: the tasks load Npgsql from the package and talk to a real server.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class PushTests(PackedSdkFixture fixture, ThrowawayPostgres postgres) : IClassFixture<ThrowawayPostgres>
{
    private const string WrongPassword = "Wr0ng-E2e-Secret-4b7d";

    [Fact]
    public async Task Status_push_status_and_new_migration_work_through_dotnet_msbuild()
    {
        var database = await postgres.CreateDatabaseAsync();
        var consumer = Consumer("push-ok", database.DatabaseUrl);
        var first = consumer.AddMigration("20240101000000_create_accounts.sql", "create table if not exists public.accounts (id bigint primary key, email text);\n");
        consumer.AddMigration("20240201000000_index_accounts_email.sql", "create index concurrently if not exists accounts_email_idx on public.accounts (email);\n");

        var before = consumer.MSBuild("-t:SupabaseMigrationStatus");
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains($"  20240101000000 |                | 2024-01-01 00:00:00 | {"create_accounts",-20} | pending", before.Output, StringComparison.Ordinal);

        var push = consumer.MSBuild("-t:SupabasePush");
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains($"Supabase.Build: Pushing to postgres@{postgres.Host}:{postgres.Port}/{database.Name} (from SUPABASE_DB_URL)", push.Output, StringComparison.Ordinal);
        Assert.Contains("Supabase.Build: Applied 20240101000000_create_accounts.sql: 1 statement in ", push.Output, StringComparison.Ordinal);
        Assert.Contains("Supabase.Build: Applied 20240201000000_index_accounts_email.sql: 1 statement in ", push.Output, StringComparison.Ordinal);
        Assert.Contains("Supabase.Build: Pushed 2 migrations (2 statements)", push.Output, StringComparison.Ordinal);

        var after = consumer.MSBuild("-t:SupabaseMigrationStatus");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("  20240201000000 | 20240201000000 | 2024-02-01 00:00:00 | index_accounts_email | applied", after.Output, StringComparison.Ordinal);
        Assert.Contains("2 applied, 0 pending.", after.Output, StringComparison.Ordinal);

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var rows = new NpgsqlCommand("select string_agg(version || ':' || name, ',' order by version) from supabase_migrations.schema_migrations", connection);
            Assert.Equal("20240101000000:create_accounts,20240201000000:index_accounts_email", await rows.ExecuteScalarAsync());
        }

        var created = consumer.MSBuild("-t:SupabaseNewMigration", "-p:Name=add_profiles");
        Assert.True(created.ExitCode == 0, created.ToString());
        var file = Assert.Single(Directory.GetFiles(consumer.MigrationsDirectory, "*_add_profiles.sql"));
        Assert.Contains($"Supabase.Build: created {file}", created.Output, StringComparison.Ordinal);
        Assert.Equal(Path.GetDirectoryName(first), Path.GetDirectoryName(file));
    }

    [Fact]
    public async Task A_failing_statement_is_a_canonical_error_at_its_line_and_column_and_fails_the_command()
    {
        var database = await postgres.CreateDatabaseAsync();
        var consumer = Consumer("push-fails", database.DatabaseUrl);
        consumer.AddMigration("20240101000000_create_accounts.sql", "create table if not exists public.accounts (id bigint primary key);\n");
        var bad = consumer.AddMigration("20240201000000_bad.sql", "-- a typo in a column\nalter table public.accounts add column if not exists email text;\nselect emial from public.accounts;\n");

        var push = consumer.MSBuild("-t:SupabasePush");

        Assert.True(push.ExitCode != 0, push.ToString());
        Assert.Contains($"{bad}(3,8): error SB0501: column \"emial\" does not exist [42703]", push.Output, StringComparison.Ordinal);
        Assert.Contains("https://github.com/supabase-build/Supabase.Build/blob/main/docs/rules/SB0501.md", push.Output, StringComparison.Ordinal);
        Assert.Contains("Supabase.Build: Applied 20240101000000_create_accounts.sql", push.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", push.Output, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task Lint_errors_stop_the_push_and_a_wrong_password_is_one_error_that_never_shows_the_password()
    {
        var database = await postgres.CreateDatabaseAsync();
        var consumer = Consumer("push-refused", database.DatabaseUrl);
        consumer.AddMigration("20240101000000_create_accounts.sql", "create table if not exists public.accounts (id bigint primary key, email text);\n");
        var unsafeIndex = consumer.AddMigration("20240201000000_index.sql", "\n  create index if not exists accounts_email_idx on public.accounts (email);\n");

        var refused = consumer.MSBuild("-t:SupabasePush");
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains($"{unsafeIndex}(2,3): error SB1003:", refused.Output, StringComparison.Ordinal);
        Assert.Contains("Supabase.Build: Nothing was pushed: the pending migrations have errors", refused.Output, StringComparison.Ordinal);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var nothing = new NpgsqlCommand("select to_regclass('public.accounts') is null and to_regnamespace('supabase_migrations') is null", connection);
            Assert.True((bool)(await nothing.ExecuteScalarAsync())!);
        }

        // The password in SUPABASE_DB_URL (a CI secret) at detailed verbosity, and in the property at the default one
        // (at detailed verbosity MSBuild itself echoes its command line, -p: values included).
        var url = $"postgresql://postgres:{WrongPassword}@{postgres.Host}:{postgres.Port}/{database.Name}";
        var fromEnvironment = Consumer("push-refused", url).MSBuild("-t:SupabasePush", "-v:detailed");
        var fromProperty = consumer.MSBuild("-t:SupabasePush", $"-p:SupabaseDbUrl={url}");
        foreach (var (wrong, source) in new[] { (fromEnvironment, "SUPABASE_DB_URL"), (fromProperty, "SupabaseDbUrl") })
        {
            Assert.True(wrong.ExitCode != 0, wrong.ToString());

            // Detailed verbosity prefixes lines with the node ("1:7>") and repeats errors in the summary: one distinct error.
            var errors = wrong.Output.Split('\n')
                .Where(l => l.Contains(": error ", StringComparison.Ordinal))
                .Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), @"^[0-9]+(:[0-9]+)?>", string.Empty))
                .Distinct()
                .ToList();
            var error = Assert.Single(errors);
            Assert.StartsWith(
                $"{consumer.ProjectPath} : error SB0502: could not connect to postgres@{postgres.Host}:{postgres.Port}/{database.Name} (from {source}): "
                + "password authentication failed for user \"postgres\" [28P01]",
                error,
                StringComparison.Ordinal);
            Assert.DoesNotContain(WrongPassword, wrong.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Advise_reports_the_live_schema_holes_at_the_migrations_that_made_them()
    {
        var database = await postgres.CreateDatabaseAsync();
        var consumer = Consumer("advise", database.DatabaseUrl);
        var open = consumer.AddMigration("20240101000000_create_notes.sql", "-- notes\ncreate table if not exists public.notes (id bigint primary key, body text);\n");
        var push = consumer.MSBuild("-t:SupabasePush");
        Assert.True(push.ExitCode == 0, push.ToString());

        var advise = consumer.MSBuild("-t:SupabaseAdvise");

        Assert.True(advise.ExitCode != 0, advise.ToString());
        Assert.Contains($"{open}(2,1): error SB2001: table public.notes is in the exposed schema public without row level security", advise.Output, StringComparison.Ordinal);
        Assert.Contains("(live in postgres@", advise.Output, StringComparison.Ordinal);

        var allowed = consumer.MSBuild("-t:SupabaseAdvise", "-p:NoWarn=SB2001");
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.DoesNotContain("SB2001", allowed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_process_status_push_advise_and_new_migration_print_what_the_tasks_print()
    {
        var outputs = new List<string>();
        foreach (var outOfProcess in new[] { false, true })
        {
            var database = await postgres.CreateDatabaseAsync();
            var consumer = Consumer(outOfProcess ? "push-oop" : "push-in-process", database.DatabaseUrl);
            consumer.AddMigration("20240101000000_create_notes.sql", "-- notes\ncreate table if not exists public.notes (id bigint primary key, body text);\n");
            consumer.AddMigration("20240201000000_index_notes.sql", "\n  create index if not exists notes_body_idx on public.notes (body);\n");
            string[] host = [$"-p:SupabaseRunOutOfProcess={outOfProcess}"];

            var log = new System.Text.StringBuilder();
            void Run(bool succeeds, params string[] arguments)
            {
                var result = consumer.MSBuild([.. arguments, .. host]);
                Assert.True((result.ExitCode == 0) == succeeds, result.ToString());
                log.Append("exit ").Append(result.ExitCode).AppendLine().AppendLine(Normalized(result.Output, consumer, database.Name));
            }

            Run(true, "-t:SupabaseMigrationStatus");
            Run(false, "-t:SupabasePush");                                   // SB1003 stops it
            Run(false, "-t:SupabasePush", "-p:SupabasePushLockTimeout=soon"); // SB0504
            Run(true, "-t:SupabasePush", "-p:NoWarn=SB1003", "-p:TreatWarningsAsErrors=true", "-p:WarningsNotAsErrors=SB1037");
            Run(true, "-t:SupabaseMigrationStatus");
            Run(false, "-t:SupabaseAdvise");                                 // SB2001: notes has no row level security
            Run(true, "-t:SupabaseAdvise", "-p:NoWarn=SB2001");
            Run(false, "-t:SupabaseNewMigration", "-p:Name=not a name");
            var created = consumer.MSBuild(["-t:SupabaseNewMigration", "-p:Name=add_profiles", .. host]);
            Assert.True(created.ExitCode == 0, created.ToString());
            Assert.Contains($"Supabase.Build: created {Assert.Single(Directory.GetFiles(consumer.MigrationsDirectory, "*_add_profiles.sql"))}", created.Output, StringComparison.Ordinal);
            outputs.Add(log.ToString());
        }

        Assert.Contains("error SB1003:", outputs[0], StringComparison.Ordinal);
        Assert.Contains("error SB0504: SupabasePushLockTimeout 'soon' is not a duration", outputs[0], StringComparison.Ordinal);
        Assert.Contains("Supabase.Build: Pushed 2 migrations (2 statements)", outputs[0], StringComparison.Ordinal);
        Assert.Contains("2 applied, 0 pending.", outputs[0], StringComparison.Ordinal);
        Assert.Contains("error SB2001: table public.notes", outputs[0], StringComparison.Ordinal);
        Assert.Contains("error SB0504: 'not a name' is not a usable migration name", outputs[0], StringComparison.Ordinal);
        Assert.Equal(outputs[0], outputs[1]);
    }

    [Fact]
    public async Task Out_of_process_a_wrong_password_in_SupabaseDbUrl_is_one_error_that_never_shows_the_password()
    {
        var database = await postgres.CreateDatabaseAsync();
        var url = $"postgresql://postgres:{WrongPassword}@{postgres.Host}:{postgres.Port}/{database.Name}";
        var consumer = new ConsumerProject(fixture, Path.Combine(fixture.WorkDirectory, "push-oop-password"), fixture.Environment)
            .WithSdkElement($"    <SupabaseRunOutOfProcess>true</SupabaseRunOutOfProcess>\n    <SupabaseDbUrl>{url}</SupabaseDbUrl>");
        consumer.AddMigration("20240101000000_create_accounts.sql", "create table if not exists public.accounts (id bigint primary key);\n");

        // Detailed verbosity logs a tool's command line and environment; the URL reaches the CLI in neither.
        var push = consumer.MSBuild("-t:SupabasePush", "-v:detailed");

        Assert.True(push.ExitCode != 0, push.ToString());
        var errors = push.Output.Split('\n')
            .Where(l => l.Contains(": error ", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), @"^[0-9]+(:[0-9]+)?>", string.Empty))
            .Distinct()
            .ToList();
        Assert.StartsWith(
            $"{consumer.ProjectPath} : error SB0502: could not connect to postgres@{postgres.Host}:{postgres.Port}/{database.Name} (from SupabaseDbUrl): "
            + "password authentication failed for user \"postgres\" [28P01]",
            Assert.Single(errors),
            StringComparison.Ordinal);
        Assert.Contains("supabase-build.dll push", push.Output, StringComparison.Ordinal);
        // Only MSBuild's own evaluation log shows it (the property set in the project over Sdk.props' empty default),
        // as it does in process.
        Assert.All(
            push.Output.Split('\n').Where(l => l.Contains(WrongPassword, StringComparison.Ordinal)),
            l => Assert.Contains("Property reassignment: $(SupabaseDbUrl)=", l, StringComparison.Ordinal));
    }

    /// <summary>A command's output without what differs between two runs: restore lines, timings, the database and folder names.</summary>
    private static string Normalized(string output, ConsumerProject consumer, string databaseName) =>
        string.Join('\n', output.Split('\n')
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), @"^[0-9]+(:[0-9]+)?>", string.Empty))
            .Where(l => l.Length > 0 && !l.StartsWith("Determining projects", StringComparison.Ordinal) && !l.StartsWith("Restored ", StringComparison.Ordinal)
                && !l.StartsWith("All projects are up-to-date", StringComparison.Ordinal) && !l.StartsWith("Time Elapsed", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(
                l.Replace(consumer.Root, "<root>", StringComparison.Ordinal).Replace(databaseName, "<database>", StringComparison.Ordinal),
                @"in [0-9.]+ m?s\b|[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}(?= \|  *\| *applied)|[0-9]{14}_add_profiles", "<varies>")));

    private ConsumerProject Consumer(string name, string databaseUrl)
    {
        var environment = new Dictionary<string, string>(fixture.Environment) { ["SUPABASE_DB_URL"] = databaseUrl };
        return new ConsumerProject(fixture, Path.Combine(fixture.WorkDirectory, name), environment).WithSdkElement();
    }
}

using System.Diagnostics;
using System.Text;
using Npgsql;
using Supabase.Build.Cli.Tests.Support;
using Supabase.Build.Testing;
using Xunit.Abstractions;

namespace Supabase.Build.Cli.Tests;

/// <summary>
/// SIGKILL of <c>supabase-build push</c> at random moments (starting up, waiting for the lock, in the middle of a
/// migration, between migrations): the history always matches what was applied, and the next push completes with
/// every migration applied exactly once.
/// </summary>
[Collection(CliDatabaseGroup.Name)]
public sealed class PushKillTests(ThrowawayPostgres postgres, ITestOutputHelper output)
{
    private const int Trials = 20;
    private const int Migrations = 8;

    [Fact]
    public async Task Killing_the_push_at_random_points_never_leaves_history_and_schema_apart()
    {
        using var project = new TempProject();
        for (var i = 1; i <= Migrations; i++)
        {
            var version = Version(i);
            // Transactional files, slowed down so a kill often lands while one is running.
            project.Add(
                $"{version}_step{i}.sql",
                $"create table if not exists public.step{i} (id int);\ninsert into public.applied_log (version) values ('{version}');\nselect pg_sleep(0.04);\n");
        }

        var random = new Random(20241125);
        var outcomes = new StringBuilder();
        var partial = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var database = await postgres.CreateDatabaseAsync(applyBootstrap: false);
            await ExecuteAsync(database.ConnectionString, "create table public.applied_log (version text not null)");
            var environment = PushCommandTests.Environment(database.DatabaseUrl);

            // Where to kill: while it starts (before it has connected), or a moment after it printed its k-th line
            // ("Pushing to ...", then one "Applied ..." per migration), which lands in the next migration's transaction.
            var afterLine = random.Next(-1, Migrations);
            var delay = TimeSpan.FromMilliseconds(afterLine < 0 ? random.Next(50, 400) : random.Next(0, 60));
            var killed = KillAt(project.Root, environment, afterLine, delay);
            await WaitForPushBackendsToEndAsync(database.ConnectionString);

            var (history, tables, log) = await StateAsync(database.ConnectionString);
            Assert.Equal(history, tables);                      // every recorded migration's table exists, and no other
            Assert.Equal(history, log.Distinct().ToList());      // every recorded migration ran ...
            Assert.Equal(log.Count, log.Distinct().Count());     // ... exactly once
            Assert.Equal(Enumerable.Range(1, history.Count).Select(Version), history); // in order, without gaps
            partial += history.Count is > 0 and < Migrations ? 1 : 0;
            var point = afterLine < 0 ? "while starting" : $"after output line {afterLine + 1}";
            outcomes.Append(FormattableString.Invariant($"trial {trial}: killed {point} + {delay.TotalMilliseconds} ms ({(killed ? "running" : "had finished")}), {history.Count} applied\n"));

            var rerun = CliRun.Run(project.Root, environment, "push");
            Assert.True(rerun.ExitCode == 0, $"{outcomes}\n{rerun}");
            var (historyAfter, tablesAfter, logAfter) = await StateAsync(database.ConnectionString);
            Assert.Equal(Enumerable.Range(1, Migrations).Select(Version), historyAfter);
            Assert.Equal(historyAfter, tablesAfter);
            Assert.Equal(historyAfter, logAfter); // each migration applied exactly once over both runs
        }

        output.WriteLine(outcomes.ToString());
        Assert.True(partial > 0, $"no kill landed between migrations; the trials did not exercise the window:\n{outcomes}");
    }

    private static string Version(int i) => $"202401{i:00}000000";

    /// <summary>
    /// Starts a push and SIGKILLs it <paramref name="delay"/> after its output line number <paramref name="afterLine"/>
    /// (0-based; -1: after the start). False when it had exited by then.
    /// </summary>
    private static bool KillAt(string workingDirectory, IReadOnlyDictionary<string, string?> environment, int afterLine, TimeSpan delay)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(CliRun.ToolDirectory, "supabase-build.dll"));
        start.ArgumentList.Add("push");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var lines = new SemaphoreSlim(0);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Release();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i <= afterLine; i++)
        {
            if (!lines.Wait(TimeSpan.FromSeconds(30)) || process.HasExited)
            {
                break;
            }
        }

        if (process.WaitForExit(delay))
        {
            return false;
        }

        process.Kill(); // SIGKILL: no handler, no cleanup in the process
        process.WaitForExit();
        return true;
    }

    /// <summary>The server finishes what it had received before it notices the client is gone; wait for that.</summary>
    private static async Task WaitForPushBackendsToEndAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where datname = current_database() and application_name like 'supabase-build%'", connection);
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("the killed push's backend did not end within 30 s");
    }

    private static async Task<(List<string> History, List<string> Tables, List<string> Log)> StateAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        var history = new List<string>();
        await using (var exists = new NpgsqlCommand("select to_regclass('supabase_migrations.schema_migrations') is not null", connection))
        {
            if ((bool)(await exists.ExecuteScalarAsync())!)
            {
                history = await ListAsync(connection, "select version from supabase_migrations.schema_migrations order by version");
            }
        }

        var tables = await ListAsync(
            connection,
            "select '202401' || lpad(substr(relname, 5), 2, '0') || '000000' from pg_class where relnamespace = 'public'::regnamespace and relname like 'step%' and relkind = 'r' order by 1");
        var log = await ListAsync(connection, "select version from public.applied_log order by version");
        return (history, tables, log);
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string DotnetHost()
    {
        var host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}

using Npgsql;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Push;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Push;

/// <summary>Pushes to one database at the same time run one after the other.</summary>
[Collection(PushDatabaseGroup.Name)]
public sealed class ConcurrencyTests(ThrowawayPostgres postgres)
{
    [Fact]
    public async Task Four_concurrent_pushes_apply_each_migration_exactly_once()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        await workspace.ExecuteAsync("create table public.applied_log (version text not null, at timestamptz not null default clock_timestamp())");
        for (var i = 1; i <= 6; i++)
        {
            var version = $"2024010{i}000000";
            // Slow enough that the pushes overlap; the log row counts how often the migration ran.
            workspace.Add($"{version}_m{i}.sql", $"create table if not exists public.t{i} (id int);\ninsert into public.applied_log (version) values ('{version}');\nselect pg_sleep(0.05);\n");
        }

        var set = MigrationDiscovery.Discover(workspace.Directory);
        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var progress = new RecordingProgress();
            var result = await new MigrationPusher(MigrationWorkspace.Parser).PushAsync(set, workspace.Options(), progress);
            return (result, progress);
        })).ToList();
        var outcomes = await Task.WhenAll(runs);

        Assert.All(outcomes, o => Assert.True(o.result.Succeeded, o.progress.Text));
        Assert.Equal(6, outcomes.Sum(o => o.result.Applied.Count));
        Assert.Contains(outcomes, o => o.progress.Events.Any(e => e.Kind == PushEventKind.Waiting && e.Message.Contains("supabase-build push", StringComparison.Ordinal)));
        await using var connection = await workspace.OpenAsync();
        await using var command = new NpgsqlCommand("select version, count(*) from public.applied_log group by version order by version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            counts.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        Assert.Equal(Enumerable.Range(1, 6).Select(i => ($"2024010{i}000000", 1L)), counts);
        Assert.Equal(counts.Select(c => c.Item1), await workspace.VersionsAsync());
    }

    [Fact]
    public async Task A_push_that_cannot_get_the_lock_in_time_stops_with_SB0503_and_changes_nothing()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "create table public.a (id int);");
        await using var holder = await workspace.OpenAsync();
        await using (var take = new NpgsqlCommand($"select pg_advisory_lock({PushSession.LockKey})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var (result, progress) = await workspace.PushAsync(o => o with { LockWait = TimeSpan.FromSeconds(1) });

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("SB0503", error.Id);
        Assert.Contains("did not finish within 1.0 s", error.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {holder.ProcessID}", error.Message, StringComparison.Ordinal);
        Assert.Contains(progress.Events, e => e.Kind == PushEventKind.Waiting);
        Assert.False(await workspace.ExistsAsync("public.a"));
        Assert.Empty(await workspace.VersionsAsync());
    }
}

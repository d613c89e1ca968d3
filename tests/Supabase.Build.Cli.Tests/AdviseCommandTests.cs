using Npgsql;
using Supabase.Build.Cli.Tests.Support;
using Supabase.Build.Testing;

namespace Supabase.Build.Cli.Tests;

/// <summary><c>supabase-build advise</c>, as the real process, against a real database.</summary>
[Collection(CliDatabaseGroup.Name)]
public sealed class AdviseCommandTests(ThrowawayPostgres postgres)
{
    [Fact]
    public async Task Advise_places_live_findings_at_the_migration_and_names_objects_made_by_hand()
    {
        using var project = new TempProject();
        var database = await postgres.CreateDatabaseAsync();
        var file = project.Add("20240101000000_create_notes.sql", "create table if not exists public.notes (id bigint primary key);\n");
        var environment = new Dictionary<string, string?> { ["SUPABASE_DB_URL"] = database.DatabaseUrl };
        Assert.Equal(0, CliRun.Run(project.Root, environment, "push").ExitCode);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("create table public.by_hand (id int)", connection);
            await command.ExecuteNonQueryAsync();
        }

        var advise = CliRun.Run(project.Root, environment, "advise");

        Assert.True(advise.ExitCode == 1, advise.ToString());
        Assert.Contains($"{file}(1,1): error SB2001: table public.notes is in the exposed schema public", advise.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("error SB2001: table public.by_hand is in the exposed schema public", advise.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("no local migration creates it", advise.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2 error(s)", advise.StandardError, StringComparison.Ordinal);

        var json = CliRun.Run(project.Root, environment, "advise", "--format", "json", "--schemas", "api");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal("[]", json.StandardOutput.Trim());
    }
}

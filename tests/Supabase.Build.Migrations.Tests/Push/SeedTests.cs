using System.Security.Cryptography;
using System.Text;
using Supabase.Build.Migrations.Push;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Push;

/// <summary>supabase/seed.sql with SupabasePushIncludeSeed: run once, tracked in supabase_migrations.seed_files as the CLI tracks it.</summary>
[Collection(PushDatabaseGroup.Name)]
public sealed class SeedTests(ThrowawayPostgres postgres)
{
    private const string Seed = "insert into public.colors (name) values ('red'), ('green');\n";

    [Fact]
    public async Task The_seed_runs_once_after_the_migrations_and_is_recorded_with_its_sha256()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_colors.sql", "create table public.colors (name text primary key);");
        var seed = workspace.AddFile("supabase/seed.sql", Seed);

        var (result, progress) = await workspace.PushAsync(o => o with { SeedFiles = [seed] });

        Assert.True(result.Succeeded, progress.Text);
        Assert.Contains(progress.Events, e => e.Message.StartsWith("Seeded supabase/seed.sql: 1 statement in ", StringComparison.Ordinal));
        Assert.Equal(2L, await workspace.ScalarAsync<long>("select count(*) from public.colors"));
        Assert.Equal("supabase/seed.sql", await workspace.ScalarAsync<string>("select path from supabase_migrations.seed_files"));
        Assert.Equal(Sha256(Seed), await workspace.ScalarAsync<string>("select hash from supabase_migrations.seed_files"));

        var (again, againProgress) = await workspace.PushAsync(o => o with { SeedFiles = [seed] });
        Assert.True(again.Succeeded, againProgress.Text);
        Assert.Empty(again.Applied);
        Assert.Equal(2L, await workspace.ScalarAsync<long>("select count(*) from public.colors"));
    }

    [Fact]
    public async Task A_changed_seed_is_not_run_again_warns_SB0513_and_records_its_new_hash()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_colors.sql", "create table public.colors (name text primary key);");
        var seed = workspace.AddFile("supabase/seed.sql", Seed);
        Assert.True((await workspace.PushAsync(o => o with { SeedFiles = [seed] })).Result.Succeeded);
        const string Changed = "insert into public.colors (name) values ('red'), ('blue');\n";
        File.WriteAllText(seed, Changed);

        var (result, progress) = await workspace.PushAsync(o => o with { SeedFiles = [seed] });

        Assert.True(result.Succeeded, progress.Text);
        var warning = Assert.Single(result.Diagnostics, d => d.Id == "SB0513");
        Assert.Equal(seed, warning.FilePath);
        Assert.Equal(2L, await workspace.ScalarAsync<long>("select count(*) from public.colors"));
        Assert.Equal(Sha256(Changed), await workspace.ScalarAsync<string>("select hash from supabase_migrations.seed_files"));
    }

    [Fact]
    public async Task A_failing_seed_leaves_nothing_of_itself_and_is_not_recorded()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_colors.sql", "create table public.colors (name text primary key);");
        var seed = workspace.AddFile("supabase/seed.sql", "insert into public.colors values ('red');\ninsert into public.colors values ('red');\n");

        var (result, _) = await workspace.PushAsync(o => o with { SeedFiles = [seed] });

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Diagnostics.DiagnosticSeverity.Error);
        Assert.Equal(("SB0501", seed, 2), (error.Id, error.FilePath, error.Span.Start.Line));
        Assert.Equal(0L, await workspace.ScalarAsync<long>("select count(*) from public.colors"));
        Assert.Equal(0L, await workspace.ScalarAsync<long>("select count(*) from supabase_migrations.seed_files"));
        Assert.Equal(["20240101000000"], await workspace.VersionsAsync());
    }

    private static string Sha256(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}

using Npgsql;
using Supabase.Build.Migrations.Advising;
using Supabase.Build.Migrations.Database;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Introspection;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Advising;

/// <summary>The schema rules on a live database agree with the same rules on the migrations, placed at the same lines.</summary>
[Collection(ModelsPostgres.Name)]
public sealed class LiveAdvisorTests(ThrowawayPostgres postgres)
{
    [Fact]
    public async Task Live_findings_on_the_sample_history_agree_with_the_build_findings()
    {
        var set = MigrationDiscovery.Discover(Schema.SchemaTestKit.SampleMigrations);
        var database = await postgres.CreateDatabaseAsync();
        Assert.Null(await ModelsPostgres.ApplyAsync(database.ConnectionString, set));

        var live = await new LiveAdvisor(MigrationWorkspace.Parser).AdviseAsync(Target(database), set, new AdviseOptions());
        var lint = new MigrationLinter(MigrationWorkspace.Parser).Lint(set);

        Assert.True(live.Succeeded);
        var built = Places(lint.Diagnostics.Where(d => d.Id.StartsWith("SB2", StringComparison.Ordinal)));
        Assert.NotEmpty(built); // the sample's SB2004, so the comparison compares something
        Assert.Equal(built, Places(live.Diagnostics));
    }

    [Fact]
    public async Task A_history_with_holes_gives_the_same_findings_live_and_an_object_made_by_hand_is_named()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_tables.sql", """
            create schema private;
            create table public.open_notes (id bigint primary key, body text);
            create table public."Quoted" (id bigint primary key);
            create table public.closed (id bigint primary key);
            create table private.internal (id bigint primary key);
            """);
        workspace.Add("20240102000000_rls.sql", "alter table public.closed enable row level security;");
        var set = MigrationDiscovery.Discover(workspace.Directory);
        var database = await postgres.CreateDatabaseAsync();
        Assert.Null(await ModelsPostgres.ApplyAsync(database.ConnectionString, set));
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("create table public.made_by_hand (id bigint primary key)", connection);
            await command.ExecuteNonQueryAsync();
        }

        var live = await new LiveAdvisor(MigrationWorkspace.Parser).AdviseAsync(Target(database), set, new AdviseOptions());
        var lint = new MigrationLinter(MigrationWorkspace.Parser).Lint(set);

        var fromFiles = live.Diagnostics.Where(d => File.Exists(d.FilePath)).ToList();
        Assert.Equal(Places(lint.Diagnostics.Where(d => d.Id == "SB2001")), Places(fromFiles.Where(d => d.Id == "SB2001")));
        Assert.Equal(2, fromFiles.Count(d => d.Id == "SB2001"));
        var byHand = Assert.Single(live.Diagnostics, d => d.Id == "SB2001" && !File.Exists(d.FilePath));
        Assert.Contains("public.made_by_hand", byHand.Message, StringComparison.Ordinal);
        Assert.Contains("no local migration creates it", byHand.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoWarn_and_exposed_schemas_apply_live()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("create schema api; create table api.orders (id int); grant select on api.orders to anon; create table public.t (id int)", connection);
            await command.ExecuteNonQueryAsync();
        }

        var advisor = new LiveAdvisor(MigrationWorkspace.Parser);
        var api = await advisor.AdviseAsync(Target(database), null, new AdviseOptions { ExposedSchemas = new[] { "api" } });
        var none = await advisor.AdviseAsync(Target(database), null, new AdviseOptions { DisabledRules = new[] { "rls-disabled-in-exposed-schema" } });

        Assert.Contains("api.orders", Assert.Single(api.Diagnostics, d => d.Id == "SB2001").Message, StringComparison.Ordinal);
        Assert.DoesNotContain(none.Diagnostics, d => d.Id == "SB2001");
    }

    [Fact]
    public async Task A_wrong_password_is_one_SB0502_without_the_password()
    {
        var url = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Password = "not-the-Secret-42" };
        var result = await new LiveAdvisor(MigrationWorkspace.Parser).AdviseAsync(DatabaseTarget.Resolve(url.ConnectionString, "test"), null, new AdviseOptions());

        Assert.False(result.Succeeded);
        var failure = Assert.Single(result.Diagnostics);
        Assert.Equal("SB0502", failure.Id);
        Assert.DoesNotContain("not-the-Secret-42", failure.Message, StringComparison.Ordinal);
    }

    private static DatabaseTarget Target(ThrowawayDatabase database) => DatabaseTarget.Resolve(database.ConnectionString, "test");

    private static List<string> Places(IEnumerable<MigrationDiagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Id} {Path.GetFileName(d.FilePath)}({d.Span.Start.Line},{d.Span.Start.Column}) {d.Severity}").Order(StringComparer.Ordinal).ToList();
}

using Npgsql;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Introspection;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Introspection;

/// <summary>One throwaway PostgreSQL 15 (Supabase bootstrap applied) for every model test class that needs a database.</summary>
[CollectionDefinition(Name)]
public sealed class ModelsPostgres : ICollectionFixture<ThrowawayPostgres>
{
    public const string Name = "models-postgres";

    /// <summary>
    /// Applies a migration history statement by statement (each its own transaction, as psql would), stopping at the
    /// first failure. Returns null when everything applied, else what failed.
    /// </summary>
    public static async Task<string?> ApplyAsync(string connectionString, MigrationSet set)
    {
        var parser = new MigrationParser(MigrationWorkspace.Parser);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var file in set.Files)
        {
            var migration = parser.Parse(file);
            if (migration.Diagnostics.Any(d => d.Severity == Diagnostics.DiagnosticSeverity.Error))
            {
                return $"{file.FileName}: {migration.Diagnostics[0].Message}";
            }

            foreach (var statement in migration.Statements)
            {
                await using var command = new NpgsqlCommand(migration.TextOf(statement), connection) { CommandTimeout = 60 };
                try
                {
                    await command.ExecuteNonQueryAsync();
                }
                catch (PostgresException e)
                {
                    return $"{file.FileName}({statement.Span.Start.Line}): {e.SqlState} {e.MessageText}";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Applies a history to a new database of <paramref name="postgres"/> (failing the test when a statement fails)
    /// and returns it replayed offline beside the model read back from the database: what agreement tests compare.
    /// </summary>
    public static async Task<(SchemaHistory Offline, SchemaModel Live)> OfflineAndLiveAsync(ThrowawayPostgres postgres, MigrationSet set)
    {
        var database = await postgres.CreateDatabaseAsync();
        Assert.Null(await ApplyAsync(database.ConnectionString, set));
        var offline = new SchemaReplay(MigrationWorkspace.Parser).Replay(set);
        var live = await new CatalogIntrospector(MigrationWorkspace.Parser).ReadAsync(database.ConnectionString);
        return (offline, live);
    }
}

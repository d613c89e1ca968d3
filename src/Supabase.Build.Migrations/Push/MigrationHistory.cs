using Npgsql;
using NpgsqlTypes;

namespace Supabase.Build.Migrations.Push;

/// <summary>One row of <c>supabase_migrations.schema_migrations</c>. Name and statements are null in rows an old CLI wrote.</summary>
public sealed record HistoryRow(string Version, string? Name, IReadOnlyList<string>? Statements);

/// <summary>Which parts of the history the database has.</summary>
internal sealed record HistoryCatalog(bool HasSchema, bool HasTable, bool HasStatementsColumn, bool HasNameColumn, bool HasSeedTable)
{
    public bool IsComplete => HasSchema && HasTable && HasStatementsColumn && HasNameColumn;
}

/// <summary>
/// The Supabase CLI's migration history, with the CLI's own statements: schema <c>supabase_migrations</c>, table
/// <c>schema_migrations (version text NOT NULL PRIMARY KEY)</c> extended by <c>ADD COLUMN IF NOT EXISTS statements
/// text[]</c> and <c>name text</c>, rows inserted naming their columns (so columns a newer CLI adds do not matter), and
/// <c>seed_files (path, hash)</c>. Only the missing parts are created: an <c>ALTER TABLE ... ADD COLUMN IF NOT EXISTS</c>
/// takes an ACCESS EXCLUSIVE lock even when the column exists, and CREATE SCHEMA needs the CREATE privilege even
/// with IF NOT EXISTS.
/// </summary>
internal static class MigrationHistory
{
    public const string TableName = "supabase_migrations.schema_migrations";
    public const string SeedTableName = "supabase_migrations.seed_files";

    private const string CreateSchema = "CREATE SCHEMA IF NOT EXISTS supabase_migrations";
    private const string CreateTable = "CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY)";
    private const string AddStatementsColumn = "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[]";
    private const string AddNameColumn = "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text";
    private const string CreateSeedTable = "CREATE TABLE IF NOT EXISTS supabase_migrations.seed_files (path text NOT NULL PRIMARY KEY, hash text NOT NULL)";
    private const string InsertVersion = "INSERT INTO supabase_migrations.schema_migrations (version, name, statements) VALUES ($1, $2, $3)";
    private const string UpsertSeed = "INSERT INTO supabase_migrations.seed_files (path, hash) VALUES ($1, $2) ON CONFLICT (path) DO UPDATE SET hash = EXCLUDED.hash";

    private const string Inspect = """
        SELECT to_regnamespace('supabase_migrations') IS NOT NULL,
               to_regclass('supabase_migrations.schema_migrations') IS NOT NULL,
               EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                       WHERE attrelid = to_regclass('supabase_migrations.schema_migrations') AND attname = 'statements' AND NOT attisdropped),
               EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                       WHERE attrelid = to_regclass('supabase_migrations.schema_migrations') AND attname = 'name' AND NOT attisdropped),
               to_regclass('supabase_migrations.seed_files') IS NOT NULL
        """;

    public static async Task<HistoryCatalog> InspectAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Inspect, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new HistoryCatalog(reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4));
    }

    /// <summary>The applied versions in version order; empty when there is no history table yet.</summary>
    public static async Task<IReadOnlyList<HistoryRow>> ReadAsync(NpgsqlConnection connection, HistoryCatalog catalog, CancellationToken cancellationToken)
    {
        if (!catalog.HasTable)
        {
            return Array.Empty<HistoryRow>();
        }

        var sql = "SELECT version, "
            + (catalog.HasNameColumn ? "name" : "NULL::text") + ", "
            + (catalog.HasStatementsColumn ? "statements" : "NULL::text[]")
            + " FROM supabase_migrations.schema_migrations ORDER BY version COLLATE \"C\"";
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<HistoryRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new HistoryRow(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<string?[]>(2).Select(s => s ?? string.Empty).ToList()));
        }

        return rows;
    }

    /// <summary>path → sha256 hex of the seed files applied so far.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadSeedsAsync(NpgsqlConnection connection, HistoryCatalog catalog, CancellationToken cancellationToken)
    {
        var seeds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!catalog.HasSeedTable)
        {
            return seeds;
        }

        await using var command = new NpgsqlCommand("SELECT path, hash FROM supabase_migrations.seed_files", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            seeds[reader.GetString(0)] = reader.GetString(1);
        }

        return seeds;
    }

    /// <summary>Creates what is missing (in one transaction) and returns the catalog as it is now.</summary>
    public static async Task<HistoryCatalog> EnsureAsync(PushSession session, HistoryCatalog catalog, bool seedTable, CancellationToken cancellationToken)
    {
        var statements = new List<string>();
        if (!catalog.HasSchema)
        {
            statements.Add(CreateSchema);
        }

        if (!catalog.HasTable)
        {
            statements.Add(CreateTable);
        }

        if (!catalog.HasStatementsColumn)
        {
            statements.Add(AddStatementsColumn);
        }

        if (!catalog.HasNameColumn)
        {
            statements.Add(AddNameColumn);
        }

        if (seedTable && !catalog.HasSeedTable)
        {
            statements.Add(CreateSeedTable);
        }

        if (statements.Count == 0)
        {
            return catalog;
        }

        await using var batch = new NpgsqlBatch(session.Connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await session.RollbackQuietlyAsync().ConfigureAwait(false);
            throw;
        }

        return new HistoryCatalog(true, true, true, true, catalog.HasSeedTable || seedTable);
    }

    public static NpgsqlBatchCommand InsertCommand(string version, string name, IReadOnlyList<string> statements)
    {
        var command = new NpgsqlBatchCommand(InsertVersion);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = version });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = name });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = statements.ToArray() });
        return command;
    }

    public static NpgsqlBatchCommand UpsertSeedCommand(string path, string hash)
    {
        var command = new NpgsqlBatchCommand(UpsertSeed);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = path });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = hash });
        return command;
    }
}

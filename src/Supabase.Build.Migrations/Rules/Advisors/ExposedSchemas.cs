namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// Which schemas the Supabase API serves (<c>supabase/config.toml [api] schemas</c>, default <c>public</c>), and which
/// belong to the platform itself (auth, storage, realtime, ...: not the project's to fix, so never reported).
/// </summary>
public sealed class ExposedSchemas
{
    /// <summary>Schemas Supabase and its extensions own; splinter leaves them out of its lints for the same reason.</summary>
    private static readonly HashSet<string> PlatformSchemas = new(StringComparer.Ordinal)
    {
        "auth", "storage", "realtime", "_realtime", "extensions", "graphql", "graphql_public", "pgbouncer", "pgsodium",
        "pgsodium_masks", "vault", "supabase_functions", "supabase_migrations", "net", "cron", "pgtle", "_analytics",
        "information_schema", "pg_catalog", "pg_toast", "tiger", "tiger_data", "topology", "repack", "pgmq",
    };

    private readonly HashSet<string> _exposed;

    public ExposedSchemas(IEnumerable<string> schemas) => _exposed = new HashSet<string>(schemas, StringComparer.Ordinal);

    public static ExposedSchemas Default { get; } = new(new[] { "public" });

    public IReadOnlyCollection<string> Names => _exposed;

    /// <summary>True when the API serves the schema (and it is not one of the platform's own).</summary>
    public bool IsExposed(string schema) => _exposed.Contains(schema) && !IsPlatform(schema);

    /// <summary>True for a schema the Supabase platform owns (or pg_temp_N): its objects are not reported.</summary>
    public static bool IsPlatform(string schema) => PlatformSchemas.Contains(schema) || schema.StartsWith("pg_", StringComparison.Ordinal);
}

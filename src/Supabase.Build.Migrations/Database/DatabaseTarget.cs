using Npgsql;

namespace Supabase.Build.Migrations.Database;

/// <summary>
/// The database a command talks to: the configured value (an MSBuild property or CLI option), else the
/// <c>SUPABASE_DB_URL</c> variable, else the Supabase CLI's local database. Either a <c>postgresql://</c> URI or an
/// Npgsql connection string. <see cref="Display"/> is the only form that may be printed: it never holds the password.
/// </summary>
public sealed class DatabaseTarget
{
    public const string EnvironmentVariable = "SUPABASE_DB_URL";

    /// <summary>The Supabase CLI's local database (`supabase start`), also what `build/pg-start.sh 54322` serves.</summary>
    public const string LocalDefault = "postgresql://postgres:postgres@127.0.0.1:54322/postgres";

    /// <summary>The <see cref="Source"/> of a target that fell back to <see cref="LocalDefault"/>.</summary>
    public const string LocalDefaultSource = "the local default";

    private DatabaseTarget(NpgsqlConnectionStringBuilder settings, string source)
    {
        Settings = settings;
        Source = source;
    }

    /// <summary>Where the value came from, for messages: "SupabaseDbUrl", "SUPABASE_DB_URL" or "the local default".</summary>
    public string Source { get; }

    public NpgsqlConnectionStringBuilder Settings { get; }

    public string ConnectionString => Settings.ConnectionString;

    /// <summary>user@host:port/database, safe for any output.</summary>
    public string Display => $"{Settings.Username}@{Settings.Host}:{Settings.Port}/{Settings.Database}";

    /// <param name="configured">The property or option value, if any.</param>
    /// <param name="configuredName">Its name for messages, e.g. "SupabaseDbUrl".</param>
    /// <param name="environment">Reads a variable; the process environment by default.</param>
    /// <exception cref="FormatException">The value is neither form; the message names its source and never the value.</exception>
    public static DatabaseTarget Resolve(string? configured, string configuredName, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new DatabaseTarget(Parse(configured!, configuredName), configuredName);
        }

        var fromEnvironment = environment(EnvironmentVariable);
        return !string.IsNullOrWhiteSpace(fromEnvironment)
            ? new DatabaseTarget(Parse(fromEnvironment!, EnvironmentVariable), EnvironmentVariable)
            : new DatabaseTarget(PostgresUrl.Parse(LocalDefault), LocalDefaultSource);
    }

    private static NpgsqlConnectionStringBuilder Parse(string value, string source)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return PostgresUrl.Parse(trimmed);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{source} is not a valid database URL: {e.Message}", e);
            }
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(trimmed);
        }
        catch (ArgumentException)
        {
            // Npgsql's message may quote the value (and so the password): say only what is wrong.
            throw new FormatException($"{source} is neither a postgresql:// URL nor an Npgsql connection string (Host=...;Username=...;Password=...;Database=...)");
        }
    }
}

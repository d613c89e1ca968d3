using System.Collections.Concurrent;
using Npgsql;
using Supabase.Build.Migrations.Database;

namespace Supabase.Build.Testing;

/// <summary>
/// A real PostgreSQL 15 database for tests, with the Supabase bootstrap (build/supabase-bootstrap.sql) applied.
/// Use it as an xunit fixture: <c>IClassFixture&lt;ThrowawayPostgres&gt;</c>, or a collection fixture declared in
/// the test assembly (<c>[CollectionDefinition("postgres")] public class PostgresCollection :
/// ICollectionFixture&lt;ThrowawayPostgres&gt; {}</c>).
/// <list type="bullet">
/// <item>When <c>SUPABASE_TEST_DB_URL</c> is set, it creates a fresh database on that server (isolation) and drops it
/// on dispose.</item>
/// <item>Otherwise it starts its own cluster: initdb/pg_ctl from <c>/usr/lib/postgresql/15/bin</c> (or
/// <c>SUPABASE_TEST_PG_BINDIR</c>), run as the <c>postgres</c> user when the test runs as root, data dir in a temp
/// dir, listening on a free port of 127.0.0.1 only, password authentication (scram-sha-256) for TCP, superuser
/// <c>postgres</c>/<c>postgres</c>. It stops the server and deletes the dir on dispose; when the test process dies
/// first (run aborted or killed), a small watchdog shell does it, and the next run sweeps whatever is still left.</item>
/// </list>
/// Nothing here writes the password anywhere but the connection string / URL it hands out.
/// </summary>
public sealed partial class ThrowawayPostgres : IAsyncLifetime
{
    /// <summary>Environment variable: a <c>postgresql://</c> URL of a server to use instead of starting one.</summary>
    public const string TestDatabaseUrlVariable = "SUPABASE_TEST_DB_URL";

    /// <summary>Environment variable: the folder with initdb, pg_ctl and postgres (default <see cref="DefaultBinDirectory"/>).</summary>
    public const string BinDirectoryVariable = "SUPABASE_TEST_PG_BINDIR";

    /// <summary>Where Debian's postgresql-15 package puts the server binaries.</summary>
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";

    /// <summary>The superuser password of clusters this fixture starts (the Supabase CLI's local default).</summary>
    internal const string OwnClusterPassword = "postgres";

    private const string OwnClusterPrefix = "supabase-build-pgtest-";
    private const string OwnerPidFile = "owner.pid";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private static readonly SemaphoreSlim BootstrapLock = new(1, 1);
    private static readonly ConcurrentDictionary<string, ClusterHandle> LiveClusters = new(StringComparer.Ordinal);
    private static int sweptAndHooked;

    private readonly List<ThrowawayDatabase> createdDatabases = [];
    private readonly Lock gate = new();
    private NpgsqlConnectionStringBuilder? main;
    private NpgsqlConnectionStringBuilder? admin;
    private ClusterHandle? cluster;
    private string? ownDatabaseName;
    private bool disposed;

    /// <summary>True when the server is the one of <c>SUPABASE_TEST_DB_URL</c> rather than a cluster of our own.</summary>
    public bool IsExternal { get; private set; }

    /// <summary>Npgsql connection string of the test database (bootstrap applied), password included.</summary>
    public string ConnectionString => Main.ConnectionString;

    /// <summary><c>postgresql://</c> URI of the test database, password included: what <c>SUPABASE_DB_URL</c> takes.</summary>
    public string DatabaseUrl => PostgresUrl.Format(Main);

    /// <summary>The URI with the password replaced by <c>***</c>: safe for messages.</summary>
    public string RedactedUrl => PostgresUrl.Redact(Main);

    /// <summary>Server host (127.0.0.1 for a cluster of our own).</summary>
    public string Host => Main.Host!;

    /// <summary>Server port.</summary>
    public int Port => Main.Port;

    /// <summary>The test database's name (<c>postgres</c> in a cluster of our own).</summary>
    public string Database => Main.Database!;

    /// <summary>The role the connection string logs in as (<c>postgres</c>, a superuser, in a cluster of our own).</summary>
    public string Username => Main.Username!;

    /// <summary>The server log of a cluster of our own (deleted on dispose); null for <c>SUPABASE_TEST_DB_URL</c>.</summary>
    public string? ServerLogPath => cluster?.LogPath;

    private NpgsqlConnectionStringBuilder Main =>
        main ?? throw new InvalidOperationException("ThrowawayPostgres is not initialized: call InitializeAsync first (xunit does this for fixtures).");

    /// <summary>Starts (or connects to) the server and prepares the test database.</summary>
    public async Task InitializeAsync()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (main is not null)
        {
            return;
        }

        var external = Environment.GetEnvironmentVariable(TestDatabaseUrlVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            await InitializeExternalAsync(external).ConfigureAwait(false);
        }
        else
        {
            await InitializeOwnClusterAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Drops the databases it created and stops and deletes a cluster of its own.</summary>
    public async Task DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        List<ThrowawayDatabase> toDrop;
        lock (gate)
        {
            toDrop = [.. createdDatabases];
            createdDatabases.Clear();
        }

        foreach (var database in toDrop)
        {
            ClearPool(database.ConnectionString);
        }

        if (main is not null)
        {
            ClearPool(main.ConnectionString);
        }

        if (cluster is not null)
        {
            // Stopping the cluster takes every database with it.
            LiveClusters.TryRemove(cluster.Directory, out _);
            await cluster.StopAndDeleteAsync().ConfigureAwait(false);
            cluster = null;
            return;
        }

        if (admin is null)
        {
            return;
        }

        var names = toDrop.Select(d => d.Name).ToList();
        if (ownDatabaseName is not null)
        {
            names.Add(ownDatabaseName);
        }

        foreach (var name in names)
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin.ConnectionString);
                await connection.OpenAsync().ConfigureAwait(false);
                await using var drop = new NpgsqlCommand($"drop database if exists {QuoteIdentifier(name)} with (force)", connection);
                await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // Best effort: a database left behind on a shared server is named sbtest_* and harmless.
            }
        }
    }

    /// <summary>
    /// Creates a fresh, empty database on the same server (bootstrap applied unless <paramref name="applyBootstrap"/>
    /// is false). It is dropped when the fixture is disposed.
    /// </summary>
    public async Task<ThrowawayDatabase> CreateDatabaseAsync(bool applyBootstrap = true, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        _ = Main;
        var name = NewDatabaseName();
        await CreateDatabaseCoreAsync(name, cancellationToken).ConfigureAwait(false);
        var builder = new NpgsqlConnectionStringBuilder(Main.ConnectionString) { Database = name };
        var database = new ThrowawayDatabase(name, builder.ConnectionString, PostgresUrl.Format(builder), PostgresUrl.Redact(builder));
        lock (gate)
        {
            createdDatabases.Add(database);
        }

        if (applyBootstrap)
        {
            await ApplyBootstrapAsync(builder.ConnectionString, cancellationToken).ConfigureAwait(false);
        }

        return database;
    }

    /// <summary>Opens a connection to the test database. The caller disposes it.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Applies build/supabase-bootstrap.sql to the database of <paramref name="connectionString"/>. Idempotent.
    /// </summary>
    public static async Task ApplyBootstrapAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var path = RepositoryLayout.SupabaseBootstrapSql;
        var sql = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };

        // Roles are cluster-wide: serialize bootstraps in this process (the SQL also tolerates other processes).
        await BootstrapLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = (int)CommandTimeout.TotalSeconds };
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            BootstrapLock.Release();
        }
    }

    /// <summary>Describes the server without the password.</summary>
    public override string ToString() =>
        main is null ? "ThrowawayPostgres (not started)" : $"ThrowawayPostgres {(IsExternal ? "on SUPABASE_TEST_DB_URL" : "cluster")} {RedactedUrl}";

    private async Task InitializeExternalAsync(string url)
    {
        NpgsqlConnectionStringBuilder server;
        try
        {
            server = PostgresUrl.Parse(url);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{TestDatabaseUrlVariable} is not a usable database URL: {e.Message}", e);
        }

        IsExternal = true;
        admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false };
        var name = NewDatabaseName();
        try
        {
            await CreateDatabaseCoreAsync(name, CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"Could not create a test database on {TestDatabaseUrlVariable} ({PostgresUrl.Redact(server)}): {e.Message}", e);
        }

        ownDatabaseName = name;
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        try
        {
            await ApplyBootstrapAsync(builder.ConnectionString).ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }

        main = builder;
    }

    private async Task InitializeOwnClusterAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new InvalidOperationException(
                $"ThrowawayPostgres starts its own cluster on Linux and macOS only; on Windows set {TestDatabaseUrlVariable} to a PostgreSQL 15 database URL.");
        }

        var handle = await ClusterHandle.StartAsync().ConfigureAwait(false);
        cluster = handle;
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = handle.Port,
            Username = "postgres",
            Password = OwnClusterPassword,
            Database = "postgres",
        };
        admin = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false };
        try
        {
            await ApplyBootstrapAsync(builder.ConnectionString).ConfigureAwait(false);
        }
        catch
        {
            LiveClusters.TryRemove(handle.Directory, out _);
            await handle.StopAndDeleteAsync().ConfigureAwait(false);
            cluster = null;
            throw;
        }

        main = builder;
    }

    private async Task CreateDatabaseCoreAsync(string name, CancellationToken cancellationToken)
    {
        var adminConnectionString = admin?.ConnectionString ?? throw new InvalidOperationException("ThrowawayPostgres is not initialized.");
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"create database {QuoteIdentifier(name)}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string NewDatabaseName() => "sbtest_" + Guid.NewGuid().ToString("N")[..16];

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void ClearPool(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }
}

using Npgsql;
using Supabase.Build.Migrations.Database;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Push;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Push;

/// <summary>One throwaway PostgreSQL 15 cluster for every push test class; each test makes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PushDatabaseGroup : ICollectionFixture<ThrowawayPostgres>
{
    public const string Name = "push-postgres";
}

/// <summary>Collects a push's progress in order, as an adapter would print it.</summary>
public sealed class RecordingProgress : IProgress<PushEvent>
{
    private readonly List<PushEvent> _events = new();

    public IReadOnlyList<PushEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    public string Text => string.Join('\n', Events.Select(e => e.Message));

    public void Report(PushEvent value)
    {
        lock (_events)
        {
            _events.Add(value);
        }
    }
}

/// <summary>A migrations folder and a fresh database: push to it, look at what landed.</summary>
public sealed class PushWorkspace : IDisposable
{
    private readonly MigrationWorkspace _files = new();

    private PushWorkspace(ThrowawayDatabase database)
    {
        Database = database;
    }

    public ThrowawayDatabase Database { get; }

    public string Directory => _files.Directory;

    public string Root => _files.Root;

    public DatabaseTarget Target => DatabaseTarget.Resolve(Database.DatabaseUrl, "test database", _ => null);

    public static async Task<PushWorkspace> CreateAsync(ThrowawayPostgres postgres) => new(await postgres.CreateDatabaseAsync());

    public string Add(string fileName, string sql) => _files.Add(fileName, sql);

    public string AddFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public PushOptions Options(Func<PushOptions, PushOptions>? configure = null)
    {
        var options = new PushOptions { Target = Target };
        return configure is null ? options : configure(options);
    }

    public async Task<(PushResult Result, RecordingProgress Progress)> PushAsync(Func<PushOptions, PushOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var progress = new RecordingProgress();
        var pusher = new MigrationPusher(MigrationWorkspace.Parser);
        var result = await pusher.PushAsync(MigrationDiscovery.Discover(Directory), Options(configure), progress, cancellationToken);
        return (result, progress);
    }

    public Task<MigrationStatusResult> StatusAsync() =>
        new MigrationPusher(MigrationWorkspace.Parser).StatusAsync(MigrationDiscovery.Discover(Directory), Target);

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    public async Task<bool> ExistsAsync(string relation) => await ScalarAsync<bool>($"select to_regclass('{relation}') is not null");

    /// <summary>(version, name, statements) of every history row, in version order.</summary>
    public async Task<IReadOnlyList<(string Version, string? Name, string[]? Statements)>> HistoryAsync()
    {
        await using var connection = await OpenAsync();
        if (!(bool)(await new NpgsqlCommand("select to_regclass('supabase_migrations.schema_migrations') is not null", connection).ExecuteScalarAsync())!)
        {
            return Array.Empty<(string, string?, string[]?)>();
        }

        await using var command = new NpgsqlCommand("select version, name, statements from supabase_migrations.schema_migrations order by version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string?, string[]?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<string[]>(2)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<string>> VersionsAsync() => (await HistoryAsync()).Select(r => r.Version).ToList();

    public void Dispose() => _files.Dispose();
}

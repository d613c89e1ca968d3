using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
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
public sealed class ThrowawayPostgres : IAsyncLifetime
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

    /// <summary>One cluster of our own: temp dir (data/, server.log, socket, owner.pid), port, binaries.</summary>
    private sealed class ClusterHandle
    {
        private int stopped;
        private Process? watchdog;

        private ClusterHandle(string directory, string binDirectory, bool runAsPostgres, int port)
        {
            Directory = directory;
            BinDirectory = binDirectory;
            RunAsPostgres = runAsPostgres;
            Port = port;
        }

        public string Directory { get; }

        public string BinDirectory { get; }

        public bool RunAsPostgres { get; }

        public int Port { get; private set; }

        public string DataDirectory => Path.Combine(Directory, "data");

        public string LogPath => Path.Combine(Directory, "server.log");

        [UnsupportedOSPlatform("windows")]
        public static async Task<ClusterHandle> StartAsync()
        {
            var binDirectory = Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } configured
                ? configured
                : DefaultBinDirectory;
            if (!File.Exists(Path.Combine(binDirectory, "initdb")) || !File.Exists(Path.Combine(binDirectory, "pg_ctl")))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL 15 server binaries (initdb, pg_ctl) were not found in {binDirectory}. "
                    + "Run build/test.sh, which installs them (apt-get install postgresql-15 postgresql-contrib-15), "
                    + $"or set {TestDatabaseUrlVariable} to a postgresql:// URL of a PostgreSQL 15 server, "
                    + $"or {BinDirectoryVariable} to the folder that holds initdb.");
            }

            var runAsPostgres = Environment.IsPrivilegedProcess;
            EnsureSweptAndHooked(binDirectory, runAsPostgres);

            // PostgreSQL refuses to run as root; its `postgres` user must be able to reach the data dir, so as root
            // the dir goes in /tmp (TMPDIR may point somewhere that user cannot traverse).
            var directory = runAsPostgres
                ? System.IO.Directory.CreateDirectory(
                    Path.Combine("/tmp", OwnClusterPrefix + Guid.NewGuid().ToString("N")[..12]),
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName
                : System.IO.Directory.CreateTempSubdirectory(OwnClusterPrefix).FullName;

            var handle = new ClusterHandle(directory, binDirectory, runAsPostgres, port: 0);
            LiveClusters[directory] = handle; // from now on, process exit stops and removes it
            try
            {
                await handle.InitAndStartAsync().ConfigureAwait(false);
                return handle;
            }
            catch
            {
                LiveClusters.TryRemove(directory, out _);
                await handle.StopAndDeleteAsync().ConfigureAwait(false);
                throw;
            }
        }

        [UnsupportedOSPlatform("windows")]
        private async Task InitAndStartAsync()
        {
            await File.WriteAllTextAsync(Path.Combine(Directory, OwnerPidFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            var passwordFile = Path.Combine(Directory, "pwfile");
            await using (var stream = new FileStream(passwordFile, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteLineAsync(OwnClusterPassword).ConfigureAwait(false);
            }

            if (RunAsPostgres)
            {
                var chown = await RunAsync("chown", ["-R", "postgres:postgres", Directory], asPostgres: false).ConfigureAwait(false);
                if (chown.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"Running as root, but could not hand {Directory} to the 'postgres' user (is postgresql-15 installed? run build/test.sh): {chown.Output}");
                }
            }

            StartWatchdog();

            var initdb = await RunAsync(
                Path.Combine(BinDirectory, "initdb"),
                ["-D", DataDirectory, "-U", "postgres", "--pwfile=" + passwordFile, "--auth-local=trust",
                 "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
                RunAsPostgres).ConfigureAwait(false);
            File.Delete(passwordFile);
            if (initdb.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed (exit {initdb.ExitCode}):\n{initdb.Output}");
            }

            string failure = string.Empty;
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                Port = FreeLoopbackPort();
                var options = string.Join(
                    ' ',
                    $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
                    "-c listen_addresses=127.0.0.1",
                    $"-c unix_socket_directories='{Directory}'",
                    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
                var start = await RunAsync(
                    Path.Combine(BinDirectory, "pg_ctl"),
                    ["start", "-D", DataDirectory, "-l", LogPath, "-w", "-t", "60", "-o", options],
                    RunAsPostgres).ConfigureAwait(false);
                if (start.ExitCode == 0)
                {
                    return;
                }

                failure = $"pg_ctl start on port {Port} failed (exit {start.ExitCode}):\n{start.Output}\n{TailOfLog()}";
            }

            throw new InvalidOperationException(failure);
        }

        public async Task StopAndDeleteAsync()
        {
            if (Interlocked.Exchange(ref stopped, 1) != 0)
            {
                return;
            }

            StopWatchdog();
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                var stop = await RunAsync(
                    Path.Combine(BinDirectory, "pg_ctl"),
                    ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"],
                    RunAsPostgres).ConfigureAwait(false);
                if (stop.ExitCode != 0)
                {
                    await RunAsync(
                        Path.Combine(BinDirectory, "pg_ctl"),
                        ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"],
                        RunAsPostgres).ConfigureAwait(false);
                }
            }

            DeleteDirectory(Directory);
        }

        /// <summary>
        /// A small shell loop, detached from the test process's stdio, that waits for this process to end and then
        /// stops the server and deletes the dir: covers a test run killed before it could dispose the fixture
        /// (ProcessExit does not run then). Killed on a normal dispose.
        /// </summary>
        private void StartWatchdog()
        {
            const string Script =
                "exec </dev/null >/dev/null 2>&1; "
                + "while kill -0 \"$1\"; do sleep 1; done; "
                + "if [ -f \"$2/data/postmaster.pid\" ]; then "
                + "if [ \"$4\" = root ]; then runuser -u postgres -- \"$3\" stop -D \"$2/data\" -m immediate -w -t 20; "
                + "else \"$3\" stop -D \"$2/data\" -m immediate -w -t 20; fi; fi; "
                + "rm -rf -- \"$2\"";
            var psi = new ProcessStartInfo("/bin/sh")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in (string[])["-c", Script, "supabase-build-pg-watchdog",
                Environment.ProcessId.ToString(CultureInfo.InvariantCulture), Directory,
                Path.Combine(BinDirectory, "pg_ctl"), RunAsPostgres ? "root" : "user"])
            {
                psi.ArgumentList.Add(argument);
            }

            try
            {
                watchdog = Process.Start(psi);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No /bin/sh: the next run's sweep of stale clusters is the fallback.
            }
        }

        private void StopWatchdog()
        {
            var process = Interlocked.Exchange(ref watchdog, null);
            if (process is null)
            {
                return;
            }

            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5_000);
                }
            }
            catch (InvalidOperationException)
            {
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
            finally
            {
                process.Dispose();
            }
        }

        /// <summary>Synchronous last-chance stop for process exit.</summary>
        public void StopAndDeleteNow()
        {
            if (Interlocked.Exchange(ref stopped, 1) != 0)
            {
                return;
            }

            StopWatchdog();
            StopStale(Directory, BinDirectory, RunAsPostgres);
        }

        private string TailOfLog()
        {
            try
            {
                return File.Exists(LogPath) ? "server log:\n" + string.Join('\n', File.ReadLines(LogPath).TakeLast(20)) : string.Empty;
            }
            catch (IOException)
            {
                return string.Empty;
            }
        }

        private static int FreeLoopbackPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static void EnsureSweptAndHooked(string binDirectory, bool runAsPostgres)
        {
            if (Interlocked.Exchange(ref sweptAndHooked, 1) != 0)
            {
                return;
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var handle in LiveClusters.Values)
                {
                    handle.StopAndDeleteNow();
                }
            };

            // Clusters whose test process died without disposing them (killed run): stop and remove them.
            var tempRoot = runAsPostgres ? "/tmp" : Path.GetTempPath();
            IEnumerable<string> candidates;
            try
            {
                candidates = System.IO.Directory.EnumerateDirectories(tempRoot, OwnClusterPrefix + "*").ToList();
            }
            catch (IOException)
            {
                return;
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }

            foreach (var candidate in candidates)
            {
                try
                {
                    var pidText = File.ReadAllText(Path.Combine(candidate, OwnerPidFile)).Trim();
                    if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
                    {
                        continue;
                    }

                    StopStale(candidate, binDirectory, runAsPostgres);
                }
                catch (IOException)
                {
                    // Not ours to judge (no owner.pid yet, or being created): leave it.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        private static bool IsAlive(int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private static void StopStale(string directory, string binDirectory, bool runAsPostgres)
        {
            var data = Path.Combine(directory, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                var pgCtl = Path.Combine(binDirectory, "pg_ctl");
                var psi = runAsPostgres ? new ProcessStartInfo("runuser") : new ProcessStartInfo(pgCtl);
                if (runAsPostgres)
                {
                    foreach (var a in (string[])["-u", "postgres", "--", pgCtl])
                    {
                        psi.ArgumentList.Add(a);
                    }
                }

                foreach (var a in (string[])["stop", "-D", data, "-m", "immediate", "-w", "-t", "20"])
                {
                    psi.ArgumentList.Add(a);
                }

                psi.UseShellExecute = false;
                psi.RedirectStandardOutput = true;
                psi.RedirectStandardError = true;
                try
                {
                    using var process = Process.Start(psi);
                    if (process is not null)
                    {
                        process.StandardOutput.ReadToEnd();
                        process.StandardError.ReadToEnd();
                        process.WaitForExit(25_000);
                    }
                }
                catch (System.ComponentModel.Win32Exception)
                {
                }
            }

            DeleteDirectory(directory);
        }

        private static void DeleteDirectory(string directory)
        {
            try
            {
                if (System.IO.Directory.Exists(directory))
                {
                    System.IO.Directory.Delete(directory, recursive: true);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres)
        {
            var psi = asPostgres ? new ProcessStartInfo("runuser") : new ProcessStartInfo(fileName);
            if (asPostgres)
            {
                psi.ArgumentList.Add("-u");
                psi.ArgumentList.Add("postgres");
                psi.ArgumentList.Add("--");
                psi.ArgumentList.Add(fileName);
            }

            foreach (var argument in arguments)
            {
                psi.ArgumentList.Add(argument);
            }

            psi.UseShellExecute = false;
            psi.RedirectStandardOutput = true;
            psi.RedirectStandardError = true;
            psi.RedirectStandardInput = true;
            psi.Environment["LC_ALL"] = "C";
            psi.Environment.Remove("PGPASSWORD");

            using var process = new Process { StartInfo = psi };
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return (-1, $"could not run {psi.FileName}: {e.Message}");
            }

            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(CommandTimeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                return (process.ExitCode, ((await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false))).Trim());
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{Path.GetFileName(fileName)} did not finish within {CommandTimeout.TotalSeconds} s");
            }
        }
    }
}

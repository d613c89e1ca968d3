using System.Net.Sockets;
using System.Security.Authentication;
using Npgsql;
using Supabase.Build.Migrations.Database;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Push;

/// <summary>A failure that ends a push (or status) with one diagnostic; caught by the runner, never shown as a stack trace.</summary>
internal sealed class PushStoppedException(MigrationDiagnostic diagnostic) : Exception(diagnostic.Message)
{
    public MigrationDiagnostic Diagnostic { get; } = diagnostic;
}

/// <summary>
/// The one connection a push uses: not pooled (closing it really ends the session, and with it the advisory lock and
/// any open transaction), no client-side command timeout (statement_timeout governs), the server's DETAIL kept for
/// error messages, no type loading round trip (only built-in types are used). Server notices go to
/// <see cref="Notice"/>.
/// </summary>
internal sealed class PushSession : IAsyncDisposable
{
    /// <summary>The advisory lock key every push to a database takes ("SBPUSH01" in ASCII), so pushes run one at a time.</summary>
    public const long LockKey = 0x5342_5055_5348_3031;

    private bool _muted;

    private PushSession(NpgsqlConnection connection, DatabaseTarget target)
    {
        Connection = connection;
        Target = target;
        connection.Notice += (_, e) =>
        {
            if (!_muted)
            {
                Notice?.Invoke(e.Notice);
            }
        };
    }

    public NpgsqlConnection Connection { get; }

    public DatabaseTarget Target { get; }

    public event Action<PostgresNotice>? Notice;

    /// <summary>Opens the connection, or throws <see cref="PushStoppedException"/> with SB0502 saying why in one line.</summary>
    public static async Task<PushSession> OpenAsync(DatabaseTarget target, string applicationName, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(target.ConnectionString)
        {
            Pooling = false,
            CommandTimeout = 0,
            IncludeErrorDetail = true,
            ServerCompatibilityMode = ServerCompatibilityMode.NoTypeLoading,
        };
        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = applicationName;
        }

        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return new PushSession(connection, target);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or AuthenticationException or IOException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new PushStoppedException(MigrationDiagnostic.ForFile(
                PushDiagnostics.ConnectionFailed,
                target.Display,
                $"could not connect to {target.Display} (from {target.Source}): {DescribeConnectionFailure(e, target)}"));
        }
    }

    /// <summary>One line: what went wrong and what to check. Built from the error's parts, never from the connection string.</summary>
    internal static string DescribeConnectionFailure(Exception e, DatabaseTarget target)
    {
        var local = target.Source == DatabaseTarget.LocalDefaultSource;
        var settingName = local ? "SUPABASE_DB_URL (or the SupabaseDbUrl property)" : target.Source;
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case PostgresException pg when pg.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification:
                    return $"{pg.MessageText} [{pg.SqlState}]; check the user and password in {settingName}";
                case PostgresException pg when pg.SqlState == PostgresErrorCodes.InvalidCatalogName:
                    return $"{pg.MessageText} [{pg.SqlState}]; check the database name in {settingName}";
                case PostgresException pg:
                    return $"{pg.MessageText} [{pg.SqlState}]";
                case SocketException socket when socket.SocketErrorCode == SocketError.ConnectionRefused:
                    return local
                        ? "connection refused: no database is listening there. Start the local one (`supabase start`, or `build/pg-start.sh 54322` in the Supabase.Build repository) or point SUPABASE_DB_URL (or SupabaseDbUrl) at your database"
                        : $"connection refused: is the database running, and are the host and port in {settingName} right?";
                case SocketException socket when socket.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData:
                    return $"the host name could not be resolved ({socket.Message}); check the host in {settingName}";
                case SocketException socket:
                    return $"{socket.Message}; is the host reachable from here?";
                case TimeoutException:
                    return $"no answer within {target.Settings.Timeout} s; is the host reachable from here (firewall, IPv6-only host)? connect_timeout in the URL sets the limit";
                case AuthenticationException tls:
                    return $"TLS negotiation failed: {tls.Message}; check sslmode in {settingName}";
            }
        }

        return FirstLine(e.Message);
    }

    /// <summary>Takes the push lock if it is free. Session-level, so it is held until this connection closes.</summary>
    public async Task<bool> TryLockAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = LockKey });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Who holds the push lock, for the waiting message ("pid 123, supabase-build, for 12 s"), or null.</summary>
    public async Task<string?> DescribeLockHolderAsync(CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT a.pid, coalesce(a.application_name, ''), coalesce(extract(epoch FROM now() - a.backend_start)::int, 0)
            FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
              AND l.classid::bigint = $1 AND l.objid::bigint = $2 AND l.objsubid = 1
            LIMIT 1
            """;
        try
        {
            await using var command = new NpgsqlCommand(Sql, Connection);
            command.Parameters.Add(new NpgsqlParameter { Value = (LockKey >> 32) & 0xFFFF_FFFF });
            command.Parameters.Add(new NpgsqlParameter { Value = LockKey & 0xFFFF_FFFF });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var application = reader.GetString(1);
            return $"pid {reader.GetInt32(0)}{(application.Length > 0 ? $", {application}" : string.Empty)}, connected {reader.GetInt32(2)} s ago";
        }
        catch (PostgresException)
        {
            return null; // pg_stat_activity restricted: the message goes without the holder
        }
    }

    /// <summary><c>SET lock_timeout</c> and <c>statement_timeout</c> for the rest of the session (0: none).</summary>
    public async Task SetTimeoutsAsync(TimeSpan? lockTimeout, TimeSpan? statementTimeout, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(Connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET lock_timeout = {PostgresDuration.ToSetting(lockTimeout)}"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET statement_timeout = {PostgresDuration.ToSetting(statementTimeout)}"));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>SET lock_timeout</c> alone (0: none), around statements that must not be cut short by it.</summary>
    public async Task SetLockTimeoutAsync(TimeSpan? lockTimeout, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SET lock_timeout = {PostgresDuration.ToSetting(lockTimeout)}", Connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a transaction a failed statement left open. Never throws, and says nothing when there was none: when the
    /// connection is gone, the server has rolled back already.
    /// </summary>
    public async Task RollbackQuietlyAsync()
    {
        if (Connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        _muted = true;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await using var rollback = new NpgsqlCommand("ROLLBACK", Connection);
            await rollback.ExecuteNonQueryAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // Broken connection: closing it rolls back on the server.
        }
        finally
        {
            _muted = false;
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync().ConfigureAwait(false);

    private static string FirstLine(string text)
    {
        var newline = text.IndexOfAny(['\r', '\n']);
        return newline < 0 ? text : text[..newline];
    }
}

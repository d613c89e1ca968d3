using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Push;

/// <summary>
/// Runs one migration (or seed) file and writes its history row, as its <see cref="ExecutionPlan"/> says:
/// <list type="bullet">
/// <item>in a transaction: BEGIN, every statement, the history row and COMMIT go to the server as one batch (one
/// round trip); a failure anywhere rolls all of it back;</item>
/// <item>statement by statement: each statement committed on its own, the history row last; a failure says which
/// statements had run and which INVALID indexes it left. The CONCURRENTLY index statements run without lock_timeout:
/// their locks block no reads or writes, and their long waits (for transactions older than the build) are part of
/// the algorithm, which a lock timeout would abort, leaving an INVALID index behind.</item>
/// </list>
/// Failures are thrown as <see cref="PushStoppedException"/> carrying the diagnostic at the statement's place in the file.
/// </summary>
internal sealed class MigrationExecutor(PushSession session, PushOptions options)
{
    private const string InvalidIndexes = """
        SELECT c.oid::bigint, format('%I.%I', n.nspname, c.relname)
        FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT i.indisvalid
        """;

    private const string InvalidIndexNamed = """
        SELECT format('%I.%I', n.nspname, c.relname)
        FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT i.indisvalid AND c.relname = $1
          AND c.relnamespace = (SELECT relnamespace FROM pg_catalog.pg_class WHERE oid = to_regclass($2))
        """;

    /// <summary>Runs <paramref name="migration"/>; <paramref name="record"/> makes the history (or seed) row's command.</summary>
    public async Task<AppliedFile> RunAsync(
        ParsedMigration migration,
        ExecutionPlan plan,
        Func<NpgsqlBatchCommand> record,
        string recordDescription,
        CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (plan.IsTransactional)
        {
            await RunInTransactionAsync(migration, plan, record, recordDescription, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RunStatementByStatementAsync(migration, plan, record, recordDescription, cancellationToken).ConfigureAwait(false);
        }

        return new AppliedFile(migration.File.Path, migration.File.Version, plan.Executed.Count, watch.Elapsed, plan.Mode);
    }

    private async Task RunInTransactionAsync(
        ParsedMigration migration, ExecutionPlan plan, Func<NpgsqlBatchCommand> record, string recordDescription, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(session.Connection);
        var begin = new NpgsqlBatchCommand("BEGIN");
        batch.BatchCommands.Add(begin);
        var statements = new Dictionary<NpgsqlBatchCommand, (MigrationStatement Statement, string Text)>(plan.Executed.Count);
        foreach (var statement in plan.Executed)
        {
            var text = migration.TextOf(statement);
            var command = SqlExecution.Verbatim(text);
            statements[command] = (statement, text);
            batch.BatchCommands.Add(command);
        }

        var history = record();
        batch.BatchCommands.Add(history);
        var commit = new NpgsqlBatchCommand("COMMIT");
        batch.BatchCommands.Add(commit);

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            await session.RollbackQuietlyAsync().ConfigureAwait(false);
            const string NothingApplied = "nothing of this migration was applied: it runs in one transaction";
            if (e.BatchCommand is { } failed && statements.TryGetValue(failed, out var at))
            {
                throw Stopped(StatementFailure(migration, at.Statement, at.Text, e, $"statement {Ordinal(plan, at.Statement)}; {NothingApplied}"));
            }

            if (ReferenceEquals(e.BatchCommand, history))
            {
                throw Stopped(MigrationDiagnostic.ForFile(
                    PushDiagnostics.HistoryFailed,
                    migration.File.Path,
                    $"could not record {migration.File.FileName} in {recordDescription}: {ServerErrors.Describe(e)}; {NothingApplied}"));
            }

            var where = ReferenceEquals(e.BatchCommand, commit) ? "at COMMIT (a deferred constraint or trigger)" : "starting its transaction";
            throw Stopped(MigrationDiagnostic.ForFile(
                PushDiagnostics.StatementFailed, migration.File.Path, $"{ServerErrors.Describe(e)} {where}; {NothingApplied}"));
        }
        catch (OperationCanceledException)
        {
            await session.RollbackQuietlyAsync().ConfigureAwait(false);
            throw;
        }
        catch (NpgsqlException e)
        {
            throw Stopped(ConnectionLost(migration, e, "its transaction was rolled back by the server unless the COMMIT had already arrived; run the status target to see whether it is recorded"));
        }
    }

    private async Task RunStatementByStatementAsync(
        ParsedMigration migration, ExecutionPlan plan, Func<NpgsqlBatchCommand> record, string recordDescription, CancellationToken cancellationToken)
    {
        var invalidBefore = await InvalidIndexesAsync(cancellationToken).ConfigureAwait(false);
        var ran = 0;
        foreach (var statement in plan.Executed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RefuseInvalidIndexInTheWayAsync(migration, statement, cancellationToken).ConfigureAwait(false);
            var text = migration.TextOf(statement);
            var liftLockTimeout = options.LockTimeout is not null && ExecutionPlanner.IsConcurrentIndexOperation(statement.Node);
            try
            {
                if (liftLockTimeout)
                {
                    await session.SetLockTimeoutAsync(null, cancellationToken).ConfigureAwait(false);
                }

                await using (var batch = new NpgsqlBatch(session.Connection))
                {
                    batch.BatchCommands.Add(SqlExecution.Verbatim(text));
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (liftLockTimeout)
                {
                    await session.SetLockTimeoutAsync(options.LockTimeout, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (PostgresException e)
            {
                await session.RollbackQuietlyAsync().ConfigureAwait(false);
                var left = await LeftBehindAsync(invalidBefore).ConfigureAwait(false);
                throw Stopped(StatementFailure(migration, statement, text, e, $"statement {ran + 1} of {plan.Executed.Count}; {WhatRan(migration, plan, ran)}{left}"));
            }
            catch (NpgsqlException e)
            {
                throw Stopped(ConnectionLost(migration, e, WhatRan(migration, plan, ran)));
            }

            ran++;
        }

        try
        {
            await using var batch = new NpgsqlBatch(session.Connection);
            batch.BatchCommands.Add(record());
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            throw Stopped(MigrationDiagnostic.ForFile(
                PushDiagnostics.HistoryFailed,
                migration.File.Path,
                $"all {plan.Executed.Count} statements of {migration.File.FileName} ran, but recording it in {recordDescription} failed: {ServerErrors.Describe(e)}; "
                + "the next push runs the file again"));
        }
    }

    /// <summary>
    /// An INVALID index of the name a CREATE INDEX CONCURRENTLY IF NOT EXISTS is about to build: the statement would
    /// skip it ("already exists") and the migration would be recorded with a broken index. Stop instead.
    /// </summary>
    private async Task RefuseInvalidIndexInTheWayAsync(ParsedMigration migration, MigrationStatement statement, CancellationToken cancellationToken)
    {
        var node = statement.Node;
        if (!node.Is("IndexStmt") || !node.GetBool("concurrent") || !node.GetBool("if_not_exists") || node.GetString("idxname") is not { } name)
        {
            return;
        }

        var relation = node.Child("relation");
        var table = relation.GetString("relname");
        if (table is null)
        {
            return;
        }

        var schema = relation.GetString("schemaname");
        var qualified = schema is null ? QuoteIdentifier(table) : $"{QuoteIdentifier(schema)}.{QuoteIdentifier(table)}";
        await using var command = new NpgsqlCommand(InvalidIndexNamed, session.Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = qualified });
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string invalid)
        {
            throw Stopped(new MigrationDiagnostic(
                PushDiagnostics.InvalidIndex,
                PushDiagnostics.InvalidIndex.DefaultSeverity,
                migration.File.Path,
                statement.Span,
                $"index {invalid} exists but is INVALID (an earlier concurrent build of it failed or was interrupted); CREATE INDEX CONCURRENTLY IF NOT EXISTS "
                + $"would skip it and the migration would be recorded with a broken index. Drop it (DROP INDEX CONCURRENTLY {invalid};) and push again"));
        }
    }

    private async Task<Dictionary<long, string>> InvalidIndexesAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, string>();
        await using var command = new NpgsqlCommand(InvalidIndexes, session.Connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetInt64(0)] = reader.GetString(1);
        }

        return result;
    }

    /// <summary>"; INVALID index left behind: public.x (...)", or empty. Best effort: the failure is what matters.</summary>
    private async Task<string> LeftBehindAsync(Dictionary<long, string> before)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var now = await InvalidIndexesAsync(timeout.Token).ConfigureAwait(false);
            var left = now.Where(i => !before.ContainsKey(i.Key)).Select(i => i.Value).Order(StringComparer.Ordinal).ToList();
            return left.Count == 0
                ? string.Empty
                : $"; INVALID index left behind: {string.Join(", ", left)} (it is not used by queries but slows writes; drop it with DROP INDEX CONCURRENTLY before pushing again)";
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            return string.Empty;
        }
    }

    private static string WhatRan(ParsedMigration migration, ExecutionPlan plan, int ran)
    {
        var why = $"this file runs statement by statement because of {plan.Reason}";
        if (ran == 0)
        {
            return $"no statement of it had run ({why}); the migration is not recorded";
        }

        var first = plan.Executed[0].Span.Start.Line;
        var last = plan.Executed[ran - 1].Span.End.Line;
        var statements = ran == 1 ? "statement 1" : $"statements 1-{ran.ToString(CultureInfo.InvariantCulture)}";
        return $"{statements} of {plan.Executed.Count} (lines {first}-{last} of {migration.File.FileName}) had already run and stay applied ({why}); "
            + "the migration is not recorded, so the next push runs the whole file again: keep its statements re-runnable (IF NOT EXISTS)";
    }

    private MigrationDiagnostic StatementFailure(ParsedMigration migration, MigrationStatement statement, string text, PostgresException e, string context)
    {
        var at = ServerErrors.Locate(migration, statement, text, e);
        var advice = e.SqlState switch
        {
            PostgresErrorCodes.LockNotAvailable => $" (lock_timeout is {PostgresDuration.Format(options.LockTimeout)}: another session holds a lock this statement needs; push again when it is idle, or raise SupabasePushLockTimeout)",
            PostgresErrorCodes.QueryCanceled when options.StatementTimeout is not null => $" (statement_timeout is {PostgresDuration.Format(options.StatementTimeout)}; raise SupabasePushStatementTimeout for long statements)",
            _ => string.Empty,
        };
        return new MigrationDiagnostic(
            PushDiagnostics.StatementFailed,
            PushDiagnostics.StatementFailed.DefaultSeverity,
            migration.File.Path,
            new SourceSpan(at, at),
            $"{ServerErrors.Describe(e)}{advice} ({context})");
    }

    private static MigrationDiagnostic ConnectionLost(ParsedMigration migration, NpgsqlException e, string state) =>
        MigrationDiagnostic.ForFile(
            PushDiagnostics.StatementFailed,
            migration.File.Path,
            $"the connection to the database was lost while applying {migration.File.FileName} ({ServerErrors.OneLine(e.InnerException?.Message ?? e.Message)}); {state}");

    private static int Ordinal(ExecutionPlan plan, MigrationStatement statement)
    {
        for (var i = 0; i < plan.Executed.Count; i++)
        {
            if (ReferenceEquals(plan.Executed[i], statement))
            {
                return i + 1;
            }
        }

        return statement.Index + 1;
    }

    internal static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static PushStoppedException Stopped(MigrationDiagnostic diagnostic) => new(diagnostic);
}

using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Push;

/// <summary>How the statements of one migration file are sent to the database.</summary>
public enum ExecutionMode
{
    /// <summary>All statements and the history row in one transaction: a failure leaves nothing of the file.</summary>
    Transaction,

    /// <summary>
    /// The file is wrapped in its own <c>BEGIN; ... COMMIT;</c>: its statements run in our transaction instead (the
    /// wrapper is recorded, not executed), together with the history row, as in <see cref="Transaction"/>.
    /// </summary>
    OwnTransactionReplaced,

    /// <summary>
    /// Statements that cannot run in a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...) or explicit
    /// transaction control: statement by statement, each committed on its own, and the history row last.
    /// </summary>
    StatementByStatement,
}

/// <summary>What <see cref="ExecutionPlanner"/> decided for a file, and why.</summary>
/// <param name="Mode">How the file runs.</param>
/// <param name="Reason">For <see cref="ExecutionMode.StatementByStatement"/>: the statement that forces it, e.g. "CREATE INDEX CONCURRENTLY (line 3)".</param>
/// <param name="Executed">The statements sent, in order (all of them, except the wrapper of <see cref="ExecutionMode.OwnTransactionReplaced"/>).</param>
public sealed record ExecutionPlan(ExecutionMode Mode, string? Reason, IReadOnlyList<MigrationStatement> Executed)
{
    public bool IsTransactional => Mode != ExecutionMode.StatementByStatement;
}

/// <summary>
/// Decides from the parse tree (never from the text) whether a migration's statements can share one transaction.
/// </summary>
public static class ExecutionPlanner
{
    public static ExecutionPlan Plan(ParsedMigration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var statements = migration.Statements;
        foreach (var statement in statements)
        {
            if (NonTransactionalReason(statement.Node) is { } what)
            {
                return new ExecutionPlan(ExecutionMode.StatementByStatement, $"{what} (line {statement.Span.Start.Line})", statements);
            }
        }

        var control = statements.Where(s => IsTransactionBoundary(s.Node)).ToList();
        if (control.Count == 0)
        {
            return new ExecutionPlan(ExecutionMode.Transaction, null, statements);
        }

        // BEGIN; ...; COMMIT; around the whole file, and nothing else that ends or starts a transaction: ours replaces it.
        if (control.Count == 2 && ReferenceEquals(control[0], statements[0]) && ReferenceEquals(control[1], statements[^1])
            && IsPlainBegin(statements[0].Node) && TransactionKind(statements[^1].Node) == "TRANS_STMT_COMMIT"
            && !statements[^1].Node.GetBool("chain"))
        {
            return new ExecutionPlan(ExecutionMode.OwnTransactionReplaced, null, statements.Skip(1).Take(statements.Count - 2).ToList());
        }

        var first = control[0];
        return new ExecutionPlan(
            ExecutionMode.StatementByStatement,
            $"its own transaction control ({Describe(first.Node)} at line {first.Span.Start.Line})",
            statements);
    }

    /// <summary>
    /// Why a statement cannot run inside a transaction block (PostgreSQL's PreventInTransactionBlock), or null when it can.
    /// </summary>
    public static string? NonTransactionalReason(PgNode node)
    {
        switch (node.Kind)
        {
            case "IndexStmt" when node.GetBool("concurrent"):
                return "CREATE INDEX CONCURRENTLY";
            case "DropStmt" when node.GetBool("concurrent"):
                return "DROP INDEX CONCURRENTLY";
            case "ReindexStmt":
                if (node.List("params").Any(p => p.Is("DefElem") && string.Equals(p.GetString("defname"), "concurrently", StringComparison.Ordinal)))
                {
                    return "REINDEX CONCURRENTLY";
                }

                return node.GetString("kind") is "REINDEX_OBJECT_SCHEMA" or "REINDEX_OBJECT_SYSTEM" or "REINDEX_OBJECT_DATABASE"
                    ? "REINDEX SCHEMA/SYSTEM/DATABASE"
                    : null;
            case "VacuumStmt" when node.GetBool("is_vacuumcmd"):
                return "VACUUM";
            case "AlterSystemStmt":
                return "ALTER SYSTEM";
            case "CreatedbStmt":
                return "CREATE DATABASE";
            case "DropdbStmt":
                return "DROP DATABASE";
            case "AlterDatabaseStmt" when node.List("options").Any(o => o.Is("DefElem") && string.Equals(o.GetString("defname"), "tablespace", StringComparison.Ordinal)):
                return "ALTER DATABASE ... SET TABLESPACE";
            case "CreateTableSpaceStmt":
                return "CREATE TABLESPACE";
            case "DropTableSpaceStmt":
                return "DROP TABLESPACE";
            case "ClusterStmt" when node.Child("relation").IsMissing:
                return "CLUSTER (all tables)";
            case "DiscardStmt" when node.GetString("target") == "DISCARD_ALL":
                return "DISCARD ALL";
            case "CreateSubscriptionStmt":
                return "CREATE SUBSCRIPTION";
            case "DropSubscriptionStmt":
                return "DROP SUBSCRIPTION";
            case "AlterSubscriptionStmt" when node.GetString("kind") is "ALTER_SUBSCRIPTION_REFRESH":
                return "ALTER SUBSCRIPTION ... REFRESH PUBLICATION";
            case "TransactionStmt" when TransactionKind(node) is "TRANS_STMT_PREPARE" or "TRANS_STMT_COMMIT_PREPARED" or "TRANS_STMT_ROLLBACK_PREPARED":
                return Describe(node);
            default:
                return null;
        }
    }

    /// <summary>CREATE INDEX, DROP INDEX or REINDEX with CONCURRENTLY: a SHARE UPDATE EXCLUSIVE lock that blocks no reads or writes.</summary>
    public static bool IsConcurrentIndexOperation(PgNode node) => node.Kind switch
    {
        "IndexStmt" or "DropStmt" => node.GetBool("concurrent"),
        "ReindexStmt" => node.List("params").Any(p => p.Is("DefElem") && string.Equals(p.GetString("defname"), "concurrently", StringComparison.Ordinal)),
        _ => false,
    };

    private static string? TransactionKind(PgNode node) => node.Is("TransactionStmt") ? node.GetString("kind") : null;

    /// <summary>Statements that start or end a transaction (savepoints do not).</summary>
    private static bool IsTransactionBoundary(PgNode node) =>
        TransactionKind(node) is "TRANS_STMT_BEGIN" or "TRANS_STMT_START" or "TRANS_STMT_COMMIT" or "TRANS_STMT_ROLLBACK";

    /// <summary>BEGIN / START TRANSACTION without isolation level or access mode: ours is the same transaction.</summary>
    private static bool IsPlainBegin(PgNode node) =>
        TransactionKind(node) is "TRANS_STMT_BEGIN" or "TRANS_STMT_START" && !node.List("options").Any();

    private static string Describe(PgNode node) => TransactionKind(node) switch
    {
        "TRANS_STMT_BEGIN" => "BEGIN",
        "TRANS_STMT_START" => "START TRANSACTION",
        "TRANS_STMT_COMMIT" => "COMMIT",
        "TRANS_STMT_ROLLBACK" => "ROLLBACK",
        "TRANS_STMT_PREPARE" => "PREPARE TRANSACTION",
        "TRANS_STMT_COMMIT_PREPARED" => "COMMIT PREPARED",
        "TRANS_STMT_ROLLBACK_PREPARED" => "ROLLBACK PREPARED",
        _ => node.Kind,
    };
}

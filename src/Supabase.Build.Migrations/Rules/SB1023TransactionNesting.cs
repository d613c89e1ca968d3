using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// BEGIN / COMMIT / ROLLBACK in a migration: the runner (the Supabase CLI, supabase-build push) already runs each
/// migration in its transaction together with its history row. A COMMIT ends that transaction early, so a failure
/// after it leaves the migration half applied and unrecorded; a BEGIN inside it only warns. Remove them (the fix
/// deletes the statement). Savepoints are fine.
/// </summary>
public sealed class SB1023TransactionNesting : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1023", "transaction-nesting", DiagnosticSeverity.Warning,
        "Leave transaction control to the migration runner", SquawkName: "transaction-nesting");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (!node.Is("TransactionStmt"))
        {
            return;
        }

        var (keyword, what) = node.GetString("kind") switch
        {
            "TRANS_STMT_BEGIN" or "TRANS_STMT_START" when context.Scope.InTransactionBlock =>
                ("BEGIN", "starts a transaction inside the one already open (PostgreSQL only warns and ignores it)"),
            "TRANS_STMT_BEGIN" or "TRANS_STMT_START" => ("BEGIN", "opens a transaction inside the one the migration runner already runs this migration in"),
            "TRANS_STMT_COMMIT" => ("COMMIT", "ends the runner's transaction early: a failure after it leaves the migration half applied and not recorded"),
            "TRANS_STMT_ROLLBACK" => ("ROLLBACK", "ends the runner's transaction: what came before it is undone but the migration is still recorded as applied"),
            _ => (null, null),
        };
        if (keyword is null)
        {
            return;
        }

        var fix = new DiagnosticFix($"remove {keyword}", Sql.Replace(context, context.Statement.Location, Sql.AfterStatementLine(context), string.Empty));
        context.Report($"{keyword} {what}; remove it and let the runner own the transaction", fix);
    }
}

using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// A BEGIN with no COMMIT or ROLLBACK after it in the file leaves the transaction to whatever runs next: statements
/// of the next migration, or the runner's history row, end up in it, and an error there rolls back this migration too.
/// </summary>
public sealed class SB1033BanUncommittedTransaction : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1033", "ban-uncommitted-transaction", DiagnosticSeverity.Error,
        "Close every BEGIN with COMMIT or ROLLBACK", SquawkName: "ban-uncommitted-transaction");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (!node.Is("TransactionStmt") || node.GetString("kind") is not ("TRANS_STMT_BEGIN" or "TRANS_STMT_START") || context.Scope.InTransactionBlock)
        {
            return;
        }

        var closed = context.Migration.Statements.Skip(context.Statement.Index + 1).Any(s =>
            s.Node.Is("TransactionStmt") && s.Node.GetString("kind") is "TRANS_STMT_COMMIT" or "TRANS_STMT_ROLLBACK" or "TRANS_STMT_PREPARE");
        if (!closed)
        {
            context.Report(
                "this BEGIN is never closed by COMMIT or ROLLBACK in the file: what runs next joins the open transaction; add COMMIT at the end (or remove the BEGIN: the runner wraps the migration in a transaction anyway)",
                new DiagnosticFix("add COMMIT at the end of the file", Sql.Insert(context, context.Source.Utf8.Length, (context.Source.Text.EndsWith('\n') ? string.Empty : "\n") + "COMMIT;\n")));
        }
    }
}

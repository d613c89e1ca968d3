using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// CREATE INDEX CONCURRENTLY (and DROP INDEX / REINDEX / DETACH PARTITION ... CONCURRENTLY) cannot run inside a
/// transaction block: between the file's own BEGIN and COMMIT the migration fails with "cannot run inside a
/// transaction block". Move the statement after the COMMIT (or drop the BEGIN/COMMIT: the runner decides).
/// </summary>
public sealed class SB1018BanConcurrentIndexCreationInTransaction : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1018", "ban-concurrent-index-creation-in-transaction", DiagnosticSeverity.Error,
        "CONCURRENTLY cannot run inside a transaction block", SquawkName: "ban-concurrent-index-creation-in-transaction");

    public void Check(StatementContext context)
    {
        if (!context.Scope.InTransactionBlock)
        {
            return;
        }

        var node = context.Statement.Node;
        var what = node.Kind switch
        {
            "IndexStmt" when node.GetBool("concurrent") => "CREATE INDEX CONCURRENTLY",
            "DropStmt" when node.GetBool("concurrent") => "DROP INDEX CONCURRENTLY",
            "ReindexStmt" when Locks.IsConcurrentReindex(node) => "REINDEX CONCURRENTLY",
            "AlterTableStmt" when node.List("cmds").Any(c => c.GetString("subtype") == "AT_DetachPartition" && c.Child("def").GetBool("concurrent")) => "DETACH PARTITION CONCURRENTLY",
            _ => null,
        };
        if (what is not null)
        {
            context.Report(
                $"{what} cannot run inside a transaction block, and this one is between the BEGIN on line {context.Source.PositionOf(context.Scope.TransactionStart).Line} and its COMMIT: the migration fails here; move it out of the BEGIN ... COMMIT");
        }
    }
}

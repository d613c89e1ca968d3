using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table: short, but every query on
/// the table waits behind it, and it waits behind every running one. An index created earlier in the same file on a
/// table created there (or a temporary one) is not flagged.
/// </summary>
public sealed class SB1005RequireConcurrentIndexDeletion : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1005", "require-concurrent-index-deletion", DiagnosticSeverity.Warning,
        "Drop indexes CONCURRENTLY", SquawkName: "require-concurrent-index-deletion");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (!node.Is("DropStmt") || node.GetString("removeType") != "OBJECT_INDEX" || node.GetBool("concurrent"))
        {
            return;
        }

        if (OnExistingTables(node, context.Scope) is not { Count: > 0 } onExisting)
        {
            return;
        }

        // CONCURRENTLY drops one index at a time and cannot CASCADE: offer the rewrite only where it applies.
        var fix = node.List("objects").Count == 1 && node.GetString("behavior") != "DROP_CASCADE" && !context.Scope.InTransactionBlock
            ? Sql.InsertAfter(context, "add CONCURRENTLY", " CONCURRENTLY", "drop", "index")
            : null;
        context.Report(
            $"DROP INDEX {string.Join(", ", onExisting)} takes an ACCESS EXCLUSIVE lock on its table, so every read and write of the table queues behind it; use DROP INDEX CONCURRENTLY (one index per statement, outside a transaction block)",
            fix);
    }

    /// <summary>The dropped indexes whose tables existed before this file (a method of its own: its lambdas allocate only for a DROP INDEX).</summary>
    private static List<QualifiedName> OnExistingTables(PgNode node, FileScope scope)
    {
        // A DROP INDEX IF EXISTS after the file dropped the constraint that owned the index (supabase db diff writes
        // both) finds nothing to drop and takes no lock.
        var indexes = node.List("objects").Select(QualifiedName.Of)
            .Where(i => i.Name is not null && !(node.GetBool("missing_ok") && scope.IsConstraintDroppedHere(i.Name)))
            .ToList();
        return indexes.Where(i => scope.TableOfIndexCreatedHere(i.Name!) is not { } table
                                  || (!scope.IsCreatedInThisFile(table.Schema, table.Name) && !scope.IsTemporary(table.Schema, table.Name))).ToList();
    }
}

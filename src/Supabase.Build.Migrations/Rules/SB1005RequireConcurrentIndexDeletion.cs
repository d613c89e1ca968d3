using Supabase.Build.Migrations.Diagnostics;

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

        // A DROP INDEX IF EXISTS after the file dropped the constraint that owned the index (supabase db diff writes
        // both) finds nothing to drop and takes no lock.
        var indexes = node.List("objects").Select(QualifiedName.Of)
            .Where(i => i.Name is not null && !(node.GetBool("missing_ok") && context.Scope.IsConstraintDroppedHere(i.Name)))
            .ToList();
        var onExisting = indexes.Where(i => context.Scope.TableOfIndexCreatedHere(i.Name!) is not { } table
                                            || (!context.Scope.IsCreatedInThisFile(table.Schema, table.Name) && !context.Scope.IsTemporary(table.Schema, table.Name))).ToList();
        if (onExisting.Count == 0)
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
}

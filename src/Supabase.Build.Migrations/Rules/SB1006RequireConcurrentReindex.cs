using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// REINDEX without CONCURRENTLY rebuilds under locks that block writes to the table (and reads that use the index)
/// for the whole rebuild. Not for tables created earlier in the file, temporary ones, or REINDEX SYSTEM (which has no
/// concurrent form).
/// </summary>
public sealed class SB1006RequireConcurrentReindex : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1006", "require-concurrent-reindex", DiagnosticSeverity.Error,
        "REINDEX CONCURRENTLY", SquawkName: "require-concurrent-reindex");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (!node.Is("ReindexStmt") || Locks.IsConcurrentReindex(node) || node.GetString("kind") == "REINDEX_OBJECT_SYSTEM")
        {
            return;
        }

        var relation = node.Child("relation");
        if (!relation.IsMissing && !context.Scope.IsExisting(relation))
        {
            return;
        }

        var kind = node.GetString("kind") switch
        {
            "REINDEX_OBJECT_INDEX" => "index",
            "REINDEX_OBJECT_TABLE" => "table",
            "REINDEX_OBJECT_SCHEMA" => "schema",
            _ => "database",
        };
        var target = relation.IsMissing ? node.GetString("name") ?? string.Empty : Sql.RelationName(relation);
        var fix = context.Scope.InTransactionBlock ? null : Sql.InsertAfter(context, "add CONCURRENTLY", " CONCURRENTLY", kind);
        context.Report(
            $"REINDEX {kind.ToUpperInvariant()} {target} blocks writes to the table (and reads that use the index) until the rebuild ends; use REINDEX {kind.ToUpperInvariant()} CONCURRENTLY {target} (outside a transaction block)",
            fix);
    }
}

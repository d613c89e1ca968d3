using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table: every query on any partition waits. Since
/// PostgreSQL 14, DETACH PARTITION ... CONCURRENTLY takes only SHARE UPDATE EXCLUSIVE (it cannot run in a transaction
/// block). Not flagged before 14 (supabase/config.toml <c>[db] major_version</c>), nor for tables created earlier in the file.
/// </summary>
public sealed class SB1036RequireConcurrentPartitionDetach : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1036", "require-concurrent-partition-detach", DiagnosticSeverity.Error,
        "DETACH PARTITION CONCURRENTLY", SquawkName: "require-concurrent-partition-detach");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (context.PostgresMajorVersion < 14 || !node.Is("AlterTableStmt"))
        {
            return;
        }

        var commands = node.List("cmds");
        var detaches = commands.Where(c => c.GetString("subtype") == "AT_DetachPartition" && !c.Child("def").GetBool("concurrent")).ToList();
        if (detaches.Count == 0 || !context.Scope.IsExisting(node.Child("relation")))
        {
            return; // most ALTER TABLEs detach nothing: the table's scope is looked up only for those that do
        }

        foreach (var command in detaches)
        {
            var partition = Sql.RelationName(command.Child("def").Child("name"));
            var fix = commands.Count == 1 && !context.Scope.InTransactionBlock
                ? new DiagnosticFix("add CONCURRENTLY", Sql.Insert(context, Sql.End(context), " CONCURRENTLY"))
                : null;
            context.Report(
                $"DETACH PARTITION {partition} takes an ACCESS EXCLUSIVE lock on '{Sql.RelationName(node.Child("relation"))}', blocking every query on it; use DETACH PARTITION {partition} CONCURRENTLY (PostgreSQL 14+, outside a transaction block)",
                fix);
        }
    }
}

using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE for as long as the copy takes (and VACUUM cannot
/// run in the transaction a migration runs in). Use pg_repack (available on Supabase), which rewrites online.
/// </summary>
public sealed class SB1030PreferRepack : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1030", "prefer-repack", DiagnosticSeverity.Error,
        "Use pg_repack instead of VACUUM FULL / CLUSTER", SquawkName: "prefer-repack");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (node.Is("VacuumStmt") && Locks.IsVacuumFull(node))
        {
            var tables = node.List("rels").Select(r => r.Child("relation")).Where(context.Scope.IsExisting).Select(Sql.RelationName).ToList();
            if (tables.Count > 0 || !node.List("rels").Any())
            {
                context.Report(
                    $"VACUUM FULL {(tables.Count > 0 ? string.Join(", ", tables) : "(every table)")} rewrites under an ACCESS EXCLUSIVE lock, blocking reads and writes until it ends, and cannot run inside a migration's transaction; use pg_repack outside migrations");
            }
        }
        else if (node.Is("ClusterStmt") && (node.Child("relation").IsMissing || context.Scope.IsExisting(node.Child("relation"))))
        {
            var table = node.Child("relation").IsMissing ? "(every clustered table)" : Sql.RelationName(node.Child("relation"));
            context.Report($"CLUSTER {table} rewrites under an ACCESS EXCLUSIVE lock, blocking reads and writes until it ends; use pg_repack (with --order-by) outside migrations");
        }
    }
}

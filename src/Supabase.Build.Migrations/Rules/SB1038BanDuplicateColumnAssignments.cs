using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// UPDATE ... SET a = 1, a = 2 (also in ON CONFLICT DO UPDATE), or INSERT INTO t (a, a): PostgreSQL rejects the
/// statement ("multiple assignments to same column"). In a function body that error waits until the function is
/// called, in production; so bodies and DO blocks are checked too.
/// </summary>
public sealed class SB1038BanDuplicateColumnAssignments : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1038", "ban-duplicate-column-assignments", DiagnosticSeverity.Error,
        "Assign each column once", SquawkName: "ban-duplicate-column-assignments");

    public void Check(StatementContext context)
    {
        foreach (var statement in context.StatementsWithBodiesMentioning("update", "insert"))
        {
            var node = statement.Node;
            var lists = node.Kind switch
            {
                "UpdateStmt" => new[] { node.List("targetList") },
                "InsertStmt" => new[] { node.List("cols"), node.Child("onConflictClause").List("targetList") },
                _ => Array.Empty<IEnumerable<PgNode>>(),
            };
            foreach (var list in lists)
            {
                var duplicates = list.Select(t => t.GetString("name")).OfType<string>().GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                if (duplicates.Count > 0)
                {
                    context.Report(
                        statement.Span,
                        $"column {string.Join(", ", duplicates.Select(d => $"'{d}'"))} is assigned more than once{statement.Where}; PostgreSQL rejects this (multiple assignments to same column){(statement.Container is null ? "" : ", when the code runs")}; keep one assignment");
                }
            }
        }
    }
}

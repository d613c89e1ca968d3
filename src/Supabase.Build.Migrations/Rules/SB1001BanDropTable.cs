using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// DROP TABLE deletes the table and every row in it, and every client still reading it starts failing. Checked in
/// the migration's statements and in the DO blocks and function bodies it contains. A temporary table, or one
/// created earlier in the same run, holds nothing anyone depends on.
/// </summary>
public sealed class SB1001BanDropTable : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1001", "ban-drop-table", DiagnosticSeverity.Error,
        "Do not drop tables in a migration", SquawkName: "ban-drop-table");

    private static readonly string[] Keywords = { "drop" };

    public void Check(StatementContext context)
    {
        foreach (var statement in context.StatementsWithBodiesMentioning(Keywords))
        {
            if (!statement.Node.Is("DropStmt") || statement.Node.GetString("removeType") != "OBJECT_TABLE")
            {
                continue;
            }

            var dropped = DroppedTables(statement.Node, statement.Scope);
            if (dropped.Count > 0)
            {
                context.Report(
                    statement.Span,
                    $"DROP TABLE {string.Join(", ", dropped)}{statement.Where} deletes the table and all its rows, and breaks every client still using it; stop using the table first and drop it in a later, separately reviewed migration");
            }
        }
    }

    /// <summary>The tables dropped that this file did not create (a method of its own, so its lambda is made only for a DROP TABLE).</summary>
    private static List<string> DroppedTables(PgNode node, FileScope scope) =>
        node.List("objects")
            .Select(QualifiedName.Of)
            .Where(table => table.Name is not null && !scope.IsCreatedInThisFile(table.Schema, table.Name) && !scope.IsTemporary(table.Schema, table.Name))
            .Select(table => table.ToString())
            .ToList();
}

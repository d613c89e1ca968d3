using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// ALTER TABLE ... DROP COLUMN deletes the column's data for good, and every query, view or client that still
/// names the column starts failing the moment the migration commits. Checked in the migration's statements and in
/// the DO blocks and function bodies it contains; not for temporary tables or tables created earlier in the same run.
/// </summary>
public sealed class SB1002BanDropColumn : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1002", "ban-drop-column", DiagnosticSeverity.Error,
        "Do not drop columns in a migration", SquawkName: "ban-drop-column");

    private static readonly string[] Keywords = { "drop" };

    public void Check(StatementContext context)
    {
        foreach (var statement in context.StatementsWithBodiesMentioning(Keywords))
        {
            var node = statement.Node;
            if (!node.Is("AlterTableStmt") || node.GetString("objtype") != "OBJECT_TABLE")
            {
                continue;
            }

            var table = node.Child("relation");
            if (statement.Scope.IsCreatedInThisFile(table) || statement.Scope.IsTemporary(table))
            {
                continue;
            }

            var columns = node.List("cmds")
                .Where(command => command.GetString("subtype") == "AT_DropColumn")
                .Select(command => $"'{command.GetString("name")}'")
                .ToList();
            if (columns.Count > 0)
            {
                var name = new QualifiedName(table.GetString("schemaname"), table.GetString("relname"));
                context.Report(
                    statement.Span,
                    $"dropping column {string.Join(", ", columns)} of {name}{statement.Where} deletes its data and breaks every query and client that still uses it; stop using the column first and drop it in a later, separately reviewed migration");
            }
        }
    }
}

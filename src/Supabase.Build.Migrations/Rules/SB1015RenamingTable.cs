using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// Renaming an existing table (or view) breaks every client still using the old name, and with Supabase the
/// PostgREST endpoint named after it disappears. Expand, migrate, contract (or leave a view with the old name
/// behind). Tables created earlier in the same file are not in use yet.
/// </summary>
public sealed class SB1015RenamingTable : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1015", "renaming-table", DiagnosticSeverity.Error,
        "Do not rename tables in use", SquawkName: "renaming-table");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        var kind = node.GetString("renameType") switch
        {
            "OBJECT_TABLE" => "table",
            "OBJECT_VIEW" => "view",
            "OBJECT_MATVIEW" => "materialized view",
            "OBJECT_FOREIGN_TABLE" => "foreign table",
            _ => null,
        };
        if (node.Is("RenameStmt") && kind is not null && context.Scope.IsExisting(node.Child("relation")))
        {
            context.Report(
                $"renaming {kind} '{Sql.RelationName(node.Child("relation"))}' to '{node.GetString("newname")}' breaks every client (and the API endpoint) still using the old name as soon as this migration commits; create the new one, move clients over, then drop the old one (or keep a view with the old name for a while)");
        }
    }
}

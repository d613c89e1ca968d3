using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// RENAME COLUMN on an existing table or view breaks every client still using the old name the moment the migration
/// commits (the app deployed now, PostgREST's cached schema, views and functions written by hand). Expand, migrate,
/// contract instead. A table created earlier in the same file is not in use yet.
/// </summary>
public sealed class SB1014RenamingColumn : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1014", "renaming-column", DiagnosticSeverity.Error,
        "Do not rename columns in use", SquawkName: "renaming-column");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (node.Is("RenameStmt") && node.GetString("renameType") == "OBJECT_COLUMN"
            && node.GetString("relationType") is "OBJECT_TABLE" or "OBJECT_VIEW" or "OBJECT_MATVIEW" or "OBJECT_FOREIGN_TABLE"
            && context.Scope.IsExisting(node.Child("relation")))
        {
            context.Report(
                $"renaming column '{node.GetString("subname")}' of '{Sql.RelationName(node.Child("relation"))}' to '{node.GetString("newname")}' breaks every client, view and function still using the old name as soon as this migration commits; add the new column, write both, move readers over, then drop the old one");
        }
    }
}

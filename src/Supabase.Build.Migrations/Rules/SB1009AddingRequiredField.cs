using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// ADD COLUMN ... NOT NULL without a DEFAULT on an existing table fails outright when the table has rows, and on an
/// empty one it breaks every INSERT of the running app that does not name the new column. Identity, serial and
/// generated columns get values, so they are not flagged (SB1016 / SB1028 look at those).
/// </summary>
public sealed class SB1009AddingRequiredField : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1009", "adding-required-field", DiagnosticSeverity.Error,
        "Give a new NOT NULL column a DEFAULT", SquawkName: "adding-required-field");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (!node.Is("AlterTableStmt") || node.GetString("objtype") != "OBJECT_TABLE" || !context.Scope.IsExisting(node.Child("relation")))
        {
            return;
        }

        foreach (var command in node.List("cmds").Where(c => c.GetString("subtype") == "AT_AddColumn"))
        {
            var column = command.Child("def");
            var required = Sql.HasConstraint(column, "CONSTR_NOTNULL") || Sql.HasConstraint(column, "CONSTR_PRIMARY");
            var filled = Sql.HasConstraint(column, "CONSTR_DEFAULT") || Sql.HasConstraint(column, "CONSTR_IDENTITY")
                         || Sql.HasConstraint(column, "CONSTR_GENERATED") || Sql.IsSerial(column.Child("typeName"));
            if (required && !filled)
            {
                context.Report(
                    column,
                    $"adding NOT NULL column '{column.GetString("colname")}' without a DEFAULT to '{Sql.RelationName(node.Child("relation"))}' fails if the table has rows, and breaks INSERTs of the running app that do not set it; give it a DEFAULT (a constant adds no rewrite), or add it nullable, backfill, then make it NOT NULL");
            }
        }
    }
}

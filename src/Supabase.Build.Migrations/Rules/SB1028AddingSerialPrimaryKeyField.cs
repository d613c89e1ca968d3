using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// ADD COLUMN ... PRIMARY KEY on an existing table fills the new column (a serial or identity column rewrites the
/// table) and builds the primary key index, all under ACCESS EXCLUSIVE. Add the column, fill it in batches, build a
/// unique index CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX.
/// </summary>
public sealed class SB1028AddingSerialPrimaryKeyField : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1028", "adding-serial-primary-key-field", DiagnosticSeverity.Error,
        "Do not add a primary key column in place", SquawkName: "adding-serial-primary-key-field");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (!node.Is("AlterTableStmt") || node.GetString("objtype") != "OBJECT_TABLE" || !context.Scope.IsExisting(node.Child("relation")))
        {
            return;
        }

        foreach (var column in node.List("cmds").Where(c => c.GetString("subtype") == "AT_AddColumn").Select(c => c.Child("def")))
        {
            if (Sql.ColumnConstraints(column, "CONSTR_PRIMARY").FirstOrDefault() is { IsMissing: false } primary)
            {
                var type = Sql.TypeName(column.Child("typeName"));
                context.Report(
                    primary,
                    $"adding primary key column '{column.GetString("colname")}' ({type}) to '{Sql.RelationName(node.Child("relation"))}' fills it{(Locks.Rewrites(column) ? " by rewriting the table" : "")} and builds the primary key index under an ACCESS EXCLUSIVE lock; add the column, fill it in batches, CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX");
            }
        }
    }
}

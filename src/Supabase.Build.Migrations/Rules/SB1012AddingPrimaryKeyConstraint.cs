using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// ADD PRIMARY KEY (columns) on an existing table builds the primary key index (and sets the columns NOT NULL,
/// scanning) under ACCESS EXCLUSIVE. Build a unique index CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING
/// INDEX. USING INDEX is the safe form and is not flagged (squawk's issue 693). squawk reports this as
/// adding-serial-primary-key-field; adding a whole new primary key column is SB1028.
/// </summary>
public sealed class SB1012AddingPrimaryKeyConstraint : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1012", "adding-primary-key-constraint", DiagnosticSeverity.Error,
        "Add primary keys USING INDEX built CONCURRENTLY", SquawkName: "adding-serial-primary-key-field");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (!node.Is("AlterTableStmt") || node.GetString("objtype") != "OBJECT_TABLE" || !context.Scope.IsExisting(node.Child("relation")))
        {
            return;
        }

        foreach (var command in node.List("cmds"))
        {
            var definition = command.Child("def");
            if (command.GetString("subtype") == "AT_AddConstraint" && definition.GetString("contype") == "CONSTR_PRIMARY" && definition.GetString("indexname") is null)
            {
                context.Report(
                    definition,
                    $"adding a primary key to '{Sql.RelationName(node.Child("relation"))}' builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes; CREATE UNIQUE INDEX CONCURRENTLY first (columns already NOT NULL), then ADD CONSTRAINT ... PRIMARY KEY USING INDEX",
                    IndexBackedConstraintFix.For(context, definition, "PRIMARY KEY", "pkey"));
            }
        }
    }
}

using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// ADD CONSTRAINT ... UNIQUE (or ADD COLUMN ... UNIQUE) on an existing table builds the unique index while holding
/// ACCESS EXCLUSIVE: no reads or writes for the whole build. Build the index CONCURRENTLY, then ADD CONSTRAINT ...
/// UNIQUE USING INDEX. A constraint that already says USING INDEX is the safe form and is not flagged.
/// </summary>
public sealed class SB1011DisallowedUniqueConstraint : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1011", "disallowed-unique-constraint", DiagnosticSeverity.Error,
        "Add UNIQUE constraints USING INDEX built CONCURRENTLY", SquawkName: "disallowed-unique-constraint");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (!node.Is("AlterTableStmt") || node.GetString("objtype") != "OBJECT_TABLE" || !context.Scope.IsExisting(node.Child("relation")))
        {
            return;
        }

        var table = Sql.RelationName(node.Child("relation"));
        foreach (var command in node.List("cmds"))
        {
            var definition = command.Child("def");
            if (command.GetString("subtype") == "AT_AddConstraint" && definition.GetString("contype") == "CONSTR_UNIQUE" && definition.GetString("indexname") is null)
            {
                context.Report(
                    definition,
                    $"adding UNIQUE constraint {(definition.GetString("conname") is { } name ? $"'{name}' " : "")}to '{table}' builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes; CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... UNIQUE USING INDEX",
                    IndexBackedConstraintFix.For(context, definition, "UNIQUE", "key"));
            }
            else if (command.GetString("subtype") == "AT_AddColumn" && Sql.ColumnConstraints(definition, "CONSTR_UNIQUE").FirstOrDefault() is { IsMissing: false } unique)
            {
                context.Report(
                    unique,
                    $"adding column '{definition.GetString("colname")}' with UNIQUE builds its index under the ACCESS EXCLUSIVE lock on '{table}'; add the column, CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX");
            }
        }
    }
}

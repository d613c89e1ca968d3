using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// Adding a foreign key to an existing table validates every row while holding SHARE ROW EXCLUSIVE locks on both
/// tables: writes to each wait for the whole scan. Add it NOT VALID (new rows are checked at once, no scan) and
/// VALIDATE it in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes go on). A VALIDATE in the same
/// migration as the NOT VALID add buys nothing, because a migration is pushed as one transaction: that is flagged too.
/// Foreign keys in CREATE TABLE, and on tables created earlier in the file, are fine.
/// </summary>
public sealed class SB1007AddingForeignKeyConstraint : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1007", "adding-foreign-key-constraint", DiagnosticSeverity.Error,
        "Add foreign keys NOT VALID, then VALIDATE in a later migration", SquawkName: "adding-foreign-key-constraint");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (!node.Is("AlterTableStmt") || node.GetString("objtype") != "OBJECT_TABLE" || !context.Scope.IsExisting(node.Child("relation")))
        {
            return;
        }

        var table = Sql.RelationName(node.Child("relation"));
        var commands = node.List("cmds");
        foreach (var command in commands)
        {
            var definition = command.Child("def");
            switch (command.GetString("subtype"))
            {
                case "AT_AddConstraint" when definition.GetString("contype") == "CONSTR_FOREIGN" && !definition.GetBool("skip_validation"):
                    var name = definition.GetString("conname");
                    var fix = commands.Count == 1 && name is not null
                        ? ValidationFix.NotValidThenValidate(context, "add NOT VALID, and VALIDATE in a new migration", $"ALTER TABLE {table} VALIDATE CONSTRAINT {Sql.Quote(name)};")
                        : null;
                    context.Report(
                        definition,
                        $"adding foreign key {(name is null ? "" : $"'{name}' ")}to '{table}' scans the whole table while holding SHARE ROW EXCLUSIVE locks on it and on {Sql.RelationName(definition.Child("pktable"))}, blocking their writes; add it NOT VALID, then VALIDATE CONSTRAINT in a later migration",
                        fix);
                    break;
                case "AT_AddColumn" when Sql.ColumnConstraints(definition, "CONSTR_FOREIGN").FirstOrDefault() is { IsMissing: false } reference:
                    context.Report(
                        reference,
                        $"adding column '{definition.GetString("colname")}' with REFERENCES {Sql.RelationName(reference.Child("pktable"))} validates every row of '{table}' under its ACCESS EXCLUSIVE lock; add the column first, then the foreign key NOT VALID, and VALIDATE it in a later migration");
                    break;
                case "AT_ValidateConstraint" when command.GetString("name") is { } validated
                                                  && context.Scope.AddedNotValidHere(node.Child("relation").GetString("relname")!, validated) == "CONSTR_FOREIGN":
                    context.Report(
                        $"VALIDATE CONSTRAINT {validated} runs in the same transaction as the ADD ... NOT VALID earlier in this migration, so the scan still runs under the lock the ADD took; move the VALIDATE to a later migration");
                    break;
            }
        }
    }
}

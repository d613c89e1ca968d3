using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// ADD CONSTRAINT ... CHECK on an existing table checks every row while holding ACCESS EXCLUSIVE: no reads or writes
/// until the scan ends. Add it NOT VALID and VALIDATE it in a later migration. A VALIDATE in the same migration as
/// the NOT VALID add is flagged too (one transaction: the scan runs under the ADD's lock). Constraints added with
/// USING INDEX are not CHECKs and are not this rule's (squawk's false positive, its issue 693).
/// </summary>
public sealed class SB1008ConstraintMissingNotValid : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1008", "constraint-missing-not-valid", DiagnosticSeverity.Error,
        "Add CHECK constraints NOT VALID, then VALIDATE in a later migration", SquawkName: "constraint-missing-not-valid");

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
            if (command.GetString("subtype") == "AT_AddConstraint" && definition.GetString("contype") == "CONSTR_CHECK" && !definition.GetBool("skip_validation"))
            {
                var name = definition.GetString("conname");
                var fix = commands.Count == 1 && name is not null
                    ? ValidationFix.NotValidThenValidate(context, "add NOT VALID, and VALIDATE in a new migration", $"ALTER TABLE {table} VALIDATE CONSTRAINT {Sql.Quote(name)};")
                    : null;
                context.Report(
                    definition,
                    $"adding CHECK constraint {(name is null ? "" : $"'{name}' ")}to '{table}' scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; add it NOT VALID, then VALIDATE CONSTRAINT in a later migration",
                    fix);
            }
            else if (command.GetString("subtype") == "AT_ValidateConstraint" && command.GetString("name") is { } validated
                     && context.Scope.AddedNotValidHere(node.Child("relation").GetString("relname")!, validated) == "CONSTR_CHECK")
            {
                context.Report(
                    $"VALIDATE CONSTRAINT {validated} runs in the same transaction as the ADD ... NOT VALID earlier in this migration, so the scan still runs under the ACCESS EXCLUSIVE lock the ADD took; move the VALIDATE to a later migration");
            }
        }
    }
}

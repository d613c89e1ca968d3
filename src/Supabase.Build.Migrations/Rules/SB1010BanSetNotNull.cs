using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// ALTER COLUMN ... SET NOT NULL on an existing table scans every row under an ACCESS EXCLUSIVE lock. Since
/// PostgreSQL 12 the scan is skipped when a validated CHECK (column IS NOT NULL) already proves it, so the safe path
/// is: add that CHECK NOT VALID; in a later migration VALIDATE it (no write lock) and SET NOT NULL. A SET NOT NULL
/// that the history shows is already proven that way is not flagged. squawk calls this check adding-not-nullable-field.
/// </summary>
public sealed class SB1010BanSetNotNull : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1010", "ban-set-not-null", DiagnosticSeverity.Error,
        "SET NOT NULL through a validated CHECK constraint", SquawkName: "adding-not-nullable-field");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        var relation = node.Child("relation");
        if (!node.Is("AlterTableStmt") || node.GetString("objtype") != "OBJECT_TABLE" || !context.Scope.IsExisting(relation))
        {
            return;
        }

        var commands = node.List("cmds");
        foreach (var command in commands.Where(c => c.GetString("subtype") == "AT_SetNotNull"))
        {
            var column = command.GetString("name")!;
            if (context.PostgresMajorVersion >= 12 && context.History?.MayHaveNotNullCheck(relation.GetString("relname")!, column) != false
                && SchemaLookup.Table(context.SchemaBefore, relation) is { } table && SchemaLookup.HasValidatedNotNullCheck(table, column))
            {
                continue; // proven by a validated CHECK: no scan
            }

            var name = Sql.RelationName(relation);
            var check = $"{relation.GetString("relname")}_{column}_not_null";
            check = Sql.ByteLength(check) > 63 ? column + "_not_null" : check;
            Diagnostics.DiagnosticFix? fix = null;
            if (commands.Count == 1 && context.PostgresMajorVersion >= 12 && !context.Scope.InTransactionBlock && ValidationFix.NextMigrationPath(context) is { } next)
            {
                fix = new Diagnostics.DiagnosticFix(
                    "add a CHECK (... IS NOT NULL) NOT VALID now; VALIDATE it and SET NOT NULL in a new migration",
                    Sql.Replace(context, context.Statement.Location, Sql.End(context), $"ALTER TABLE {name} ADD CONSTRAINT {Sql.Quote(check)} CHECK ({Sql.Quote(column)} IS NOT NULL) NOT VALID"),
                    new TextEdit(ValidationFix.FileStart, $"ALTER TABLE {name} VALIDATE CONSTRAINT {Sql.Quote(check)};\nALTER TABLE {name} ALTER COLUMN {Sql.Quote(column)} SET NOT NULL;\n", next));
            }

            context.Report(
                $"SET NOT NULL on '{name}.{column}' scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; add CHECK ({column} IS NOT NULL) NOT VALID, then in a later migration VALIDATE it and SET NOT NULL (PostgreSQL 12+ skips the scan)",
                fix);
        }
    }
}

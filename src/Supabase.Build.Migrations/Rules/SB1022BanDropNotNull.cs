using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// DROP NOT NULL on an existing column lets NULLs in that clients (and generated types) assume can never be there.
/// Make sure every reader handles NULL before relaxing the column.
/// </summary>
public sealed class SB1022BanDropNotNull : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1022", "ban-drop-not-null", DiagnosticSeverity.Warning,
        "Dropping NOT NULL may break clients", SquawkName: "ban-drop-not-null");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (!node.Is("AlterTableStmt") || node.GetString("objtype") != "OBJECT_TABLE" || !context.Scope.IsExisting(node.Child("relation")))
        {
            return;
        }

        foreach (var command in node.List("cmds").Where(c => c.GetString("subtype") == "AT_DropNotNull"))
        {
            context.Report(
                $"DROP NOT NULL on '{Sql.RelationName(node.Child("relation"))}.{command.GetString("name")}' lets NULLs into a column clients (and generated types) treat as never NULL; update every reader to handle NULL first");
        }
    }
}

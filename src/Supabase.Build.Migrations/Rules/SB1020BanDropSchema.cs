using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// DROP SCHEMA deletes the schema (and with CASCADE every table, view, function and row in it). A schema created
/// earlier in the same file holds nothing anyone depends on. Checked in DO blocks and function bodies too.
/// </summary>
public sealed class SB1020BanDropSchema : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1020", "ban-drop-schema", DiagnosticSeverity.Error,
        "Do not drop schemas in a migration", SquawkName: "ban-drop-schema");

    private static readonly string[] Keywords = { "drop" };

    public void Check(StatementContext context)
    {
        foreach (var statement in context.StatementsWithBodiesMentioning(Keywords))
        {
            var node = statement.Node;
            if (!node.Is("DropStmt") || node.GetString("removeType") != "OBJECT_SCHEMA")
            {
                continue;
            }

            var schemas = DroppedSchemas(node, statement.Scope);
            if (schemas.Count > 0)
            {
                var cascade = node.GetString("behavior") == "DROP_CASCADE";
                context.Report(
                    statement.Span,
                    $"DROP SCHEMA {string.Join(", ", schemas)}{(cascade ? " CASCADE" : "")}{statement.Where} deletes the schema{(cascade ? " and every table, view, function and row in it" : "")}; stop using it first and drop it in a later, separately reviewed migration");
            }
        }
    }

    /// <summary>The schemas dropped that this file did not create (a method of its own, so its lambda is made only for a DROP SCHEMA).</summary>
    private static List<string> DroppedSchemas(PgNode node, FileScope scope) =>
        node.List("objects").Select(o => o.StringValue).OfType<string>().Where(s => !scope.IsSchemaCreatedHere(s)).ToList();
}

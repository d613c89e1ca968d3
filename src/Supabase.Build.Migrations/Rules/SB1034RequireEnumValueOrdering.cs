using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// ALTER TYPE ... ADD VALUE without BEFORE or AFTER puts the value last, and enum values compare (and sort, and
/// range over &lt; and &gt;) by that order: 'pending_review' after 'rejected' may not be what queries expect. Say
/// where it goes. Info: appending is often right.
/// </summary>
public sealed class SB1034RequireEnumValueOrdering : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1034", "require-enum-value-ordering", DiagnosticSeverity.Info,
        "Say where a new enum value goes", SquawkName: "require-enum-value-ordering");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (node.Is("AlterEnumStmt") && node.GetString("newVal") is { } value && node.GetString("oldVal") is null && node.GetString("newValNeighbor") is null)
        {
            context.Report(
                $"ADD VALUE '{value}' to {Sql.Dotted(node.List("typeName"))} appends it after every existing value, and enum values sort and compare in that order; say where it belongs with BEFORE '...' or AFTER '...'");
        }
    }
}

using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// ALTER DOMAIN ... SET NOT NULL checks every column of every table that uses the domain, holding their locks for
/// the whole scan; and then every INSERT that leaves such a column out fails. (ALTER TABLE ... SET NOT NULL is
/// SB1010.) squawk reports both as adding-not-nullable-field.
/// </summary>
public sealed class SB1027AddingNotNullableField : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1027", "adding-not-nullable-field", DiagnosticSeverity.Error,
        "Do not make a domain NOT NULL in place", SquawkName: "adding-not-nullable-field");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (node.Is("AlterDomainStmt") && node.GetString("subtype") == "O")
        {
            context.Report(
                $"ALTER DOMAIN {Sql.Dotted(node.List("typeName"))} SET NOT NULL scans every column of every table using the domain while locking them, and fails on any NULL; add CHECK (col IS NOT NULL) NOT VALID constraints on those columns instead, and VALIDATE them in a later migration");
        }
    }
}

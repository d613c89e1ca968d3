using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// ALTER DOMAIN ... ADD CONSTRAINT checks every column of every table that uses the domain while holding their
/// locks. Put the constraint on the table columns (NOT VALID, then VALIDATE) instead.
/// </summary>
public sealed class SB1032BanAlterDomainWithAddConstraint : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1032", "ban-alter-domain-with-add-constraint", DiagnosticSeverity.Error,
        "Do not add constraints to domains in use", SquawkName: "ban-alter-domain-with-add-constraint");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (node.Is("AlterDomainStmt") && node.GetString("subtype") == "C")
        {
            var notValid = node.Child("def").GetBool("skip_validation");
            context.Report(
                node.Child("def"),
                notValid
                    ? $"ALTER DOMAIN {Sql.Dotted(node.List("typeName"))} ADD CONSTRAINT ... NOT VALID defers the check, but its VALIDATE re-scans every column using the domain at once; put the constraint on the table columns instead"
                    : $"ALTER DOMAIN {Sql.Dotted(node.List("typeName"))} ADD CONSTRAINT checks every column of every table using the domain while holding their locks; put the constraint on the table columns (NOT VALID, then VALIDATE in a later migration)");
        }
    }
}

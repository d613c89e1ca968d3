using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// A domain with a CHECK is hard to change online: altering the check re-scans every column using the domain, under
/// their locks, and the constraint cannot be added NOT VALID per table. Put the CHECK on the table columns instead.
/// </summary>
public sealed class SB1031BanCreateDomainWithConstraint : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1031", "ban-create-domain-with-constraint", DiagnosticSeverity.Warning,
        "Put CHECK constraints on columns, not domains", SquawkName: "ban-create-domain-with-constraint");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (node.Is("CreateDomainStmt") && node.List("constraints").FirstOrDefault(c => c.GetString("contype") == "CONSTR_CHECK") is { IsMissing: false } check)
        {
            context.Report(
                check,
                $"domain {Sql.Dotted(node.List("domainname"))} has a CHECK: changing it later re-checks every column using the domain under their locks; use the base type and put the CHECK on each table column (where it can be added NOT VALID)");
        }
    }
}

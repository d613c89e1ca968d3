using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2003: row level security on, no policy. Nothing but the owner and BYPASSRLS roles can see a row, which is either
/// the intent (a table only the service role uses) or a forgotten CREATE POLICY; info, so the intent is written down.
/// splinter's twin is rls_enabled_no_policy.
/// </summary>
public sealed class SB2003RlsEnabledNoPolicy : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2003", "rls-enabled-no-policy", DiagnosticSeverity.Info,
        "Add policies to a table with row level security, or say it is service-role only");

    public void Check(SchemaRuleContext context)
    {
        foreach (var table in context.ProjectTables.Where(t => t.Kind != TableKind.ForeignTable && t.RowLevelSecurity && t.Policies.IsEmpty))
        {
            context.Report(
                SchemaObjectRef.Of(table),
                $"table {table.Name} has row level security enabled but no policies: anon and authenticated get no rows and every write fails; add a policy (create policy ... on {table.Name} ...), or suppress SB2003 if only the service role should use it");
        }
    }
}

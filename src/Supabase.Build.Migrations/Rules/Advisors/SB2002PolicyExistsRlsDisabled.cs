using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2002: a table with policies but row level security off. The policies look like protection and do nothing: the
/// table is as open as one without any. Judged where the history ends, reported at the CREATE TABLE (enabling RLS is
/// the fix). splinter's twin is policy_exists_rls_disabled.
/// </summary>
public sealed class SB2002PolicyExistsRlsDisabled : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2002", "policy-exists-rls-disabled", DiagnosticSeverity.Error,
        "Enable row level security on a table that has policies");

    public void Check(SchemaRuleContext context)
    {
        foreach (var table in context.ProjectTables.Where(t => !t.RowLevelSecurity && !t.Policies.IsEmpty))
        {
            var policies = string.Join(", ", table.Policies.Select(p => SqlIdentifier.Quote(p.Name)).Order(StringComparer.Ordinal));
            context.Report(
                SchemaObjectRef.Of(table),
                $"table {table.Name} has policies ({policies}) but row level security is not enabled, so none of them applies and every role with a grant sees every row; add 'alter table {table.Name} enable row level security;'");
        }
    }
}

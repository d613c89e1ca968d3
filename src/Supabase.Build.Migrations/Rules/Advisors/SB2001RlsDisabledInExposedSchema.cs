using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2001: a table the API serves without row level security is readable and writable by anyone holding the anon
/// key. Judged where the history ends (RLS enabled in a later file counts), reported at the CREATE TABLE. A table
/// anon and authenticated hold no privilege on (a schema other than public, whose default privileges grant them
/// nothing, or a REVOKE) is not reachable through the API, so it is not reported; splinter's twin,
/// rls_disabled_in_public, asks has_table_privilege the same way.
/// </summary>
public sealed class SB2001RlsDisabledInExposedSchema : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2001", "rls-disabled-in-exposed-schema", DiagnosticSeverity.Error,
        "Enable row level security on every table in an exposed schema");

    public void Check(SchemaRuleContext context)
    {
        foreach (var table in context.ExposedTables)
        {
            if (table.Kind != TableKind.ForeignTable && !table.RowLevelSecurity && ApiRoles.CanReadOrWrite(table.Grants))
            {
                context.Report(
                    SchemaObjectRef.Of(table),
                    $"table {table.Name} is in the exposed schema {SqlIdentifier.Quote(table.Name.Schema)} without row level security: anyone with the anon key can read and change it through the API; add 'alter table {table.Name} enable row level security;' and policies");
            }
        }
    }
}

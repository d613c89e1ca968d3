using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2019: a foreign table in an exposed schema that anon or authenticated may select. Foreign tables cannot have
/// row level security, so the API serves every row of the remote data, with the credentials of the user mapping.
/// splinter's twin is foreign_table_in_api.
/// </summary>
public sealed class SB2019ForeignTableInApi : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2019", "foreign-table-in-api", DiagnosticSeverity.Warning,
        "Keep foreign tables out of the API, or revoke access from anon and authenticated");

    public void Check(SchemaRuleContext context)
    {
        foreach (var table in context.ExposedTables.Where(t => t.Kind == TableKind.ForeignTable && ApiRoles.CanSelect(t.Grants)))
        {
            context.Report(
                SchemaObjectRef.Of(table),
                $"foreign table {table.Name} is served by the API and anon or authenticated may select it; foreign tables cannot have row level security, so every remote row is readable; move it to a schema the API does not serve, or 'revoke all on {table.Name} from anon, authenticated;'");
        }
    }
}

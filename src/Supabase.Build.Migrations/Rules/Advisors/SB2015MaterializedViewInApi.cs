using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2015: a materialized view in an exposed schema that anon or authenticated may select. A materialized view has no
/// row level security and no security_invoker: whoever may select it reads every row it stored.
/// splinter's twin is materialized_view_in_api.
/// </summary>
public sealed class SB2015MaterializedViewInApi : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2015", "materialized-view-in-api", DiagnosticSeverity.Warning,
        "Keep materialized views out of the API, or revoke select from anon and authenticated");

    public void Check(SchemaRuleContext context)
    {
        foreach (var view in context.ExposedViews.Where(v => v.IsMaterialized && ApiRoles.CanSelect(v.Grants)))
        {
            context.Report(
                SchemaObjectRef.Of(view),
                $"materialized view {view.Name} is served by the API and anon or authenticated may select it; it has no row level security, so every stored row is readable; 'revoke select on {view.Name} from anon, authenticated;' or move it to a schema the API does not serve");
        }
    }
}

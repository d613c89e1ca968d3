using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2006: a view the API serves without <c>security_invoker = true</c>. Such a view reads its tables with its owner's
/// rights (the migration role, which bypasses row level security), so the tables' policies do not apply to whoever
/// selects from it. Materialized views are SB2015's. splinter's twin is security_definer_view.
/// </summary>
public sealed class SB2006SecurityDefinerView : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2006", "security-definer-view", DiagnosticSeverity.Error,
        "Create views in exposed schemas with security_invoker = true");

    public void Check(SchemaRuleContext context)
    {
        foreach (var view in context.ExposedViews.Where(v => !v.IsMaterialized && !v.IsSecurityInvoker && ApiRoles.CanSelect(v.Grants)))
        {
            context.Report(
                SchemaObjectRef.Of(view),
                $"view {view.Name} runs with its owner's rights (no security_invoker), so row level security of the tables it reads does not apply to anon and authenticated; add 'alter view {view.Name} set (security_invoker = true);' (or create it 'with (security_invoker = true)')");
        }
    }
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2008: a policy that calls auth.uid(), auth.jwt(), auth.role(), auth.email() or current_setting() outside a
/// subquery. PostgreSQL calls a STABLE function in a row filter once per row; wrapped as <c>(select auth.uid())</c> the
/// planner makes it an initplan, run once per statement. A call anywhere inside a subquery counts as wrapped. splinter's
/// twin is auth_rls_initplan (it looks at text; this looks at the parse tree, and at current_setting too).
/// </summary>
public sealed class SB2008AuthRlsInitplan : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2008", "auth-rls-initplan", DiagnosticSeverity.Warning,
        "Wrap auth.uid() and friends in a policy as (select auth.uid())");

    public void Check(SchemaRuleContext context)
    {
        foreach (var policy in PolicyExpressions.ProjectPolicies(context))
        {
            var calls = PolicyExpressions.Expressions(policy).SelectMany(BareCalls).Distinct(StringComparer.Ordinal).ToList();
            if (calls.Count > 0)
            {
                var first = calls[0];
                context.Report(
                    SchemaObjectRef.Of(policy),
                    $"policy {SchemaObjectRef.PolicyName(policy)} calls {string.Join(", ", calls.Select(c => c + "()"))} for every row it checks, which is slow on large tables; wrap each call in a subquery, e.g. '(select {first}())', so it runs once per statement");
            }
        }
    }

    /// <summary>The names of the request functions called outside any subquery, in source order.</summary>
    private static IEnumerable<string> BareCalls(PgNode expression)
    {
        var wrapped = expression.DescendantsAndSelf()
            .Where(n => n.Is("SubLink"))
            .SelectMany(s => s.Child("subselect").DescendantsAndSelf())
            .Select(n => n.Location)
            .Where(l => l is not null)
            .ToHashSet();
        return expression.DescendantsAndSelf()
            .Where(n => (PolicyExpressions.IsAuthCall(n) || PolicyExpressions.IsCurrentSetting(n)) && !wrapped.Contains(n.Location))
            .Select(n => PolicyExpressions.IsAuthCall(n) ? PolicyExpressions.CalledName(n)! : "current_setting");
    }
}

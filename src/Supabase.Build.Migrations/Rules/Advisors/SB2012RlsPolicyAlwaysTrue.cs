using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2012: a permissive policy for INSERT, UPDATE, DELETE or ALL, applying to anon, authenticated or PUBLIC, whose
/// USING or WITH CHECK is always true. It lets every such request write every row; the RLS is there only in name.
/// SELECT with <c>using (true)</c> is left alone: public read access is a common, deliberate choice. Restrictive
/// policies only narrow access, so they are left alone too. splinter's twin is rls_policy_always_true.
/// </summary>
public sealed class SB2012RlsPolicyAlwaysTrue : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2012", "rls-policy-always-true", DiagnosticSeverity.Warning,
        "Do not let anon or authenticated write every row with an always-true policy");

    public void Check(SchemaRuleContext context)
    {
        foreach (var policy in PolicyExpressions.ProjectPolicies(context).Where(p => p.IsPermissive && p.Command != "SELECT" && ApiRoles.AppliesToApi(p)))
        {
            var clauses = new List<string>();
            if (policy.Command != "INSERT" && PolicyExpressions.IsAlwaysTrue(policy.Using))
            {
                clauses.Add("USING");
            }

            if (PolicyExpressions.IsAlwaysTrue(policy.WithCheck))
            {
                clauses.Add("WITH CHECK");
            }

            if (clauses.Count > 0)
            {
                var roles = string.Join(", ", policy.Roles);
                context.Report(
                    SchemaObjectRef.Of(policy),
                    $"policy {SchemaObjectRef.PolicyName(policy)} for {policy.Command} to {roles} has {string.Join(" and ", clauses)} always true: a request as {roles} may {Verb(policy.Command)} any row; compare the row with the caller instead, e.g. 'using ((select auth.uid()) = user_id)'");
            }
        }
    }

    private static string Verb(string command) => command switch
    {
        "INSERT" => "insert",
        "UPDATE" => "change",
        "DELETE" => "delete",
        _ => "read, change or delete",
    };
}

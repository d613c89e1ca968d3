using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2013: two or more permissive policies on one table for the same role and action (a FOR ALL policy counts for
/// SELECT, INSERT, UPDATE and DELETE; a policy TO PUBLIC for every role). PostgreSQL ORs them, evaluating each for
/// every row. Roles counted: anon, authenticated and any role a policy names, except the ones that bypass RLS.
/// One finding per set of overlapping policies, naming the roles and actions they share. splinter's twin is
/// multiple_permissive_policies.
/// </summary>
public sealed class SB2013MultiplePermissivePolicies : ISchemaRule
{
    private static readonly string[] Actions = { "SELECT", "INSERT", "UPDATE", "DELETE" };

    public RuleDescriptor Descriptor { get; } = new(
        "SB2013", "multiple-permissive-policies", DiagnosticSeverity.Info,
        "Merge permissive policies that share a role and action into one");

    public void Check(SchemaRuleContext context)
    {
        foreach (var table in context.ProjectTables)
        {
            var permissive = table.Policies.Where(p => p.IsPermissive).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            if (permissive.Count < 2)
            {
                continue;
            }

            var roles = new SortedSet<string>(permissive.SelectMany(p => p.Roles).Where(r => r != "public" && !BypassesRls(r)), StringComparer.Ordinal) { "anon", "authenticated" };
            var overlaps = new SortedDictionary<string, (List<string> Policies, SortedSet<string> Roles, List<string> Actions)>(StringComparer.Ordinal);
            foreach (var role in roles)
            {
                foreach (var action in Actions)
                {
                    var names = permissive.Where(p => (p.Command == action || p.Command == "ALL") && (p.Roles.Contains(role) || p.Roles.Contains("public"))).Select(p => p.Name).ToList();
                    if (names.Count > 1)
                    {
                        var key = string.Join('\n', names);
                        var overlap = overlaps.TryGetValue(key, out var found) ? found : overlaps[key] = (names, new SortedSet<string>(StringComparer.Ordinal), new List<string>());
                        overlap.Roles.Add(role);
                        if (!overlap.Actions.Contains(action))
                        {
                            overlap.Actions.Add(action);
                        }
                    }
                }
            }

            foreach (var (policies, overlapRoles, actions) in overlaps.Values)
            {
                context.Report(
                    SchemaObjectRef.Of(table),
                    $"table {table.Name} has {policies.Count} permissive policies ({string.Join(", ", policies.Select(SqlIdentifier.Quote))}) for role {string.Join(", ", overlapRoles)} on {string.Join(", ", actions)}: each is evaluated for every row; merge them into one policy per role and action (combine the conditions with OR)");
            }
        }
    }

    /// <summary>Roles that bypass row level security on Supabase (superuser, service role, the platform's admins).</summary>
    private static bool BypassesRls(string role) =>
        role is "postgres" or "service_role" || role.StartsWith("supabase_", StringComparison.Ordinal) || role.StartsWith("pg_", StringComparison.Ordinal);
}

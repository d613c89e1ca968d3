using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2005: a view or materialized view the API serves that reads auth.users (directly, in a subquery, CTE or join, or
/// through another view it reads). Views run with their owner's rights unless security_invoker is set, so the API
/// roles get the emails, phones and metadata of every user. splinter's twin is auth_users_exposed (its level is WARN;
/// the issue makes it an error, as the data is every user's).
/// </summary>
public sealed class SB2005AuthUsersExposed : ISchemaRule
{
    private static readonly ObjectName AuthUsers = new("auth", "users");

    public RuleDescriptor Descriptor { get; } = new(
        "SB2005", "auth-users-exposed", DiagnosticSeverity.Error,
        "Do not serve auth.users through a view in an exposed schema");

    public void Check(SchemaRuleContext context)
    {
        foreach (var view in context.ExposedViews.Where(v => ApiRoles.CanSelect(v.Grants) && ReadsAuthUsers(context.Schema, v)))
        {
            var target = SchemaObjectRef.Of(view);
            context.Report(
                target,
                $"{target.Describe()} reads auth.users and anon or authenticated may select it: the API hands out every user's email, phone and metadata; move it to a schema the API does not serve, or select only what is safe into a table with row level security, or 'revoke select on {view.Name} from anon, authenticated;'");
        }
    }

    /// <summary>True when the view reads auth.users, itself or through the views it reads (the catalog records only direct reads).</summary>
    private static bool ReadsAuthUsers(SchemaModel schema, ViewModel view)
    {
        var seen = new HashSet<ObjectName> { view.Name };
        var pending = new Queue<ObjectName>(view.ReadsFrom);
        while (pending.TryDequeue(out var name))
        {
            if (name == AuthUsers)
            {
                return true;
            }

            if (seen.Add(name) && schema.View(name) is { } inner)
            {
                foreach (var read in inner.ReadsFrom)
                {
                    pending.Enqueue(read);
                }
            }
        }

        return false;
    }
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2014: a SECURITY DEFINER function in an exposed schema that anon or authenticated may execute: anyone with the
/// anon key calls it through <c>/rest/v1/rpc/name</c> and it runs with its owner's rights, past every RLS policy.
/// EXECUTE reaches them through PUBLIC (every new function's default) or directly, and on Supabase directly too:
/// the default privileges of <c>public</c> grant EXECUTE on new functions to anon and authenticated, so revoking
/// from PUBLIC alone leaves them able to call it. Procedures are left out: the API cannot call them. So are trigger
/// and event trigger functions: PostgreSQL refuses to run one except as a trigger, whoever holds EXECUTE (splinter's
/// twins still list them). splinter's twins are anon_ and authenticated_security_definer_function_executable.
/// </summary>
public sealed class SB2014SecurityDefinerFunctionExecutable : ISchemaRule
{
    private static readonly string[] ApiRoles = { "public", "anon", "authenticated" };

    public RuleDescriptor Descriptor { get; } = new(
        "SB2014", "security-definer-function-executable", DiagnosticSeverity.Warning,
        "Revoke EXECUTE on SECURITY DEFINER functions in exposed schemas from public, anon and authenticated");

    public void Check(SchemaRuleContext context)
    {
        foreach (var function in context.ProjectFunctions)
        {
            if (!function.SecurityDefiner || function.IsProcedure || IsTriggerFunction(function) || !context.Exposed.IsExposed(function.Name.Schema))
            {
                continue;
            }

            var holders = ApiRoles.Where(role => function.Grants.Contains(new Grant(role, "EXECUTE"))).ToList();
            if (holders.Count == 0)
            {
                continue;
            }

            var who = string.Join(", ", holders.Select(r => r == "public" ? "PUBLIC" : r));
            context.Report(
                SchemaObjectRef.Of(function),
                $"SECURITY DEFINER function {function.Signature} is executable by {who}: anyone with the anon key can call it through /rest/v1/rpc/{function.Name.Name} and it runs with its owner's rights, bypassing RLS; add 'revoke execute on function {function.Signature} from public, anon, authenticated;' (grant it back to the roles that need it), or make it SECURITY INVOKER, or move it to a schema the API does not expose");
        }
    }

    private static bool IsTriggerFunction(FunctionModel function) =>
        function.ReturnType is { IsBuiltIn: true, Name.Name: "trigger" or "event_trigger" };
}

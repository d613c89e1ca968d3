using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2004: a function without <c>SET search_path</c> resolves unqualified names through the caller's search_path, so
/// a caller who can create objects in a schema on that path can slip in a table or function of the same name. For a
/// SECURITY DEFINER function that runs the caller's object with the owner's rights: an error then. Judged where the
/// history ends (ALTER FUNCTION ... SET search_path in a later file counts; an empty search_path is set).
/// splinter's twin is function_search_path_mutable.
/// </summary>
public sealed class SB2004FunctionSearchPathMutable : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2004", "function-search-path-mutable", DiagnosticSeverity.Warning,
        "Pin the search_path of every function with SET search_path");

    public void Check(SchemaRuleContext context)
    {
        foreach (var function in context.ProjectFunctions)
        {
            if (function.SearchPath is not null)
            {
                continue;
            }

            var kind = function.IsProcedure ? "procedure" : "function";
            var fix = $"pin it with \"set search_path = ''\" in its definition and schema-qualify every name in the body, or \"alter {kind} {function.Signature} set search_path = ''\"";
            var message = function.SecurityDefiner
                ? $"SECURITY DEFINER {kind} {function.Signature} has a role mutable search_path: a caller can shadow the objects it uses and run code with its owner's rights; {fix}"
                : $"{kind} {function.Signature} has a role mutable search_path: what its names resolve to depends on the caller; {fix}";
            context.Report(SchemaObjectRef.Of(function), message, function.SecurityDefiner ? DiagnosticSeverity.Error : null);
        }
    }
}

using Supabase.Build.Migrations.Schema;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// Parse-tree questions the policy rules ask of USING / WITH CHECK expressions. The trees come from the migration
/// offline and from pg_get_expr's text live (where calls are schema-qualified and constants carry casts), so every
/// helper looks through casts and never at text.
/// </summary>
internal static class PolicyExpressions
{
    private static readonly HashSet<string> AuthFunctions = new(StringComparer.Ordinal) { "uid", "jwt", "role", "email" };

    /// <summary>Policies of the project's own tables (not the platform's), in table then creation order.</summary>
    public static IEnumerable<PolicyModel> ProjectPolicies(SchemaRuleContext context) => context.ProjectTables.SelectMany(t => t.Policies);

    /// <summary>The policy's USING and WITH CHECK trees that are present.</summary>
    public static IEnumerable<PgNode> Expressions(PolicyModel policy) =>
        new[] { policy.Using, policy.WithCheck }.Where(e => e is not null).Select(e => e!.Node);

    /// <summary>The dotted name of a function call (<c>auth.uid</c>, <c>current_setting</c>), or null for another node.</summary>
    public static string? CalledName(PgNode node) =>
        node.Is("FuncCall") ? string.Join('.', node.List("funcname").Select(n => n.StringValue)) : null;

    /// <summary>auth.uid(), auth.jwt(), auth.role(), auth.email(): Supabase's request helpers, stable per statement.</summary>
    public static bool IsAuthCall(PgNode node)
    {
        var name = node.Is("FuncCall") ? node.List("funcname").Select(n => n.StringValue).ToList() : null;
        return name is { Count: 2 } && name[0] == "auth" && AuthFunctions.Contains(name[1] ?? string.Empty);
    }

    /// <summary>current_setting(...) (bare or pg_catalog-qualified).</summary>
    public static bool IsCurrentSetting(PgNode node) => CalledName(node) is "current_setting" or "pg_catalog.current_setting";

    /// <summary>True when the tree reads the request's JWT claims: auth.jwt() or current_setting('request.jwt.claims').</summary>
    public static bool ReadsJwtClaims(PgNode node) => node.DescendantsAndSelf().Any(n =>
        CalledName(n) == "auth.jwt"
        || IsCurrentSetting(n) && n.List("args").FirstOrDefault() is var first && StringConstant(first) is { } setting
            && setting.StartsWith("request.jwt.claim", StringComparison.Ordinal));

    /// <summary>The value of a string constant, through any casts (<c>'sub'::text</c>); null for anything else.</summary>
    public static string? StringConstant(PgNode node)
    {
        while (node.Is("TypeCast"))
        {
            node = node.Child("arg");
        }

        return node.Is("A_Const") && node.Child("sval") is { IsMissing: false } value ? value.GetString("sval") ?? string.Empty : null;
    }

    /// <summary>The operator of an A_Expr (<c>-&gt;&gt;</c>, <c>=</c>), or null.</summary>
    public static string? Operator(PgNode node) =>
        node.Is("A_Expr") && node.GetString("kind") == "AEXPR_OP" ? node.List("name").LastOrDefault().StringValue : null;

    /// <summary>
    /// True for an expression that holds for every row: <c>true</c> (cast or not) or a comparison of two equal integer constants (<c>1 = 1</c>).
    /// </summary>
    public static bool IsAlwaysTrue(SqlExpression? expression)
    {
        if (expression is null)
        {
            return false;
        }

        var node = expression.Node;
        return expression.IsTrueConstant
            || Operator(node) == "=" && IntegerConstant(node.Child("lexpr")) is { } left && IntegerConstant(node.Child("rexpr")) == left;
    }

    private static int? IntegerConstant(PgNode node) =>
        node.Is("A_Const") && node.Child("ival") is { IsMissing: false } value ? value.GetInt("ival") : null;
}

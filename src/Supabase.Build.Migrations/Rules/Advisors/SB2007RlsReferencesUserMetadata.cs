using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2007: a policy that reads the user's <c>user_metadata</c>: the JWT's <c>user_metadata</c> claim (auth.jwt() or
/// current_setting('request.jwt.claims')) or <c>auth.users.raw_user_meta_data</c>. Every user can rewrite their own
/// metadata from the client (<c>supabase.auth.updateUser({ data: { role: 'admin' } })</c>), so a policy trusting it is
/// a policy the user writes. splinter's twin is rls_references_user_metadata.
/// </summary>
public sealed class SB2007RlsReferencesUserMetadata : ISchemaRule
{
    private static readonly HashSet<string> JsonAccess = new(StringComparer.Ordinal) { "->", "->>", "#>", "#>>" };

    private static readonly HashSet<string> ExtractPath = new(StringComparer.Ordinal)
    {
        "jsonb_extract_path", "jsonb_extract_path_text", "json_extract_path", "json_extract_path_text",
        "pg_catalog.jsonb_extract_path", "pg_catalog.jsonb_extract_path_text", "pg_catalog.json_extract_path", "pg_catalog.json_extract_path_text",
    };

    public RuleDescriptor Descriptor { get; } = new(
        "SB2007", "rls-references-user-metadata", DiagnosticSeverity.Error,
        "Do not decide access on user_metadata: users can edit it");

    public void Check(SchemaRuleContext context)
    {
        foreach (var policy in PolicyExpressions.ProjectPolicies(context).Where(p => PolicyExpressions.Expressions(p).Any(ReadsUserMetadata)))
        {
            context.Report(
                SchemaObjectRef.Of(policy),
                $"policy {SchemaObjectRef.PolicyName(policy)} reads user_metadata, which every user can change for themselves from the client; decide on app_metadata (auth.jwt() -> 'app_metadata', set only with the service role) or on a table the user cannot write");
        }
    }

    private static bool ReadsUserMetadata(PgNode expression)
    {
        var readsAuthUsers = expression.DescendantsAndSelf().Any(n => n.Is("RangeVar") && n.GetString("schemaname") == "auth" && n.GetString("relname") == "users");
        return expression.DescendantsAndSelf().Any(n =>
            PolicyExpressions.Operator(n) is { } op && JsonAccess.Contains(op) && NamesUserMetadata(n.Child("rexpr")) && PolicyExpressions.ReadsJwtClaims(n.Child("lexpr"))
            || PolicyExpressions.CalledName(n) is { } name && ExtractPath.Contains(name) && n.List("args").FirstOrDefault() is var source
                && PolicyExpressions.ReadsJwtClaims(source) && n.List("args").Skip(1).Any(NamesUserMetadata)
            || readsAuthUsers && n.Is("ColumnRef") && n.List("fields").LastOrDefault().StringValue == "raw_user_meta_data");
    }

    /// <summary>A key or path that names user_metadata: <c>'user_metadata'</c>, <c>'{user_metadata,role}'</c>, <c>array['user_metadata', ...]</c>.</summary>
    private static bool NamesUserMetadata(PgNode key)
    {
        if (PolicyExpressions.StringConstant(key) is { } text)
        {
            return text == "user_metadata" || text.StartsWith('{') && PathElements(text).Contains("user_metadata");
        }

        while (key.Is("TypeCast"))
        {
            key = key.Child("arg");
        }

        return key.Is("A_ArrayExpr") && key.List("elements").Any(e => PolicyExpressions.StringConstant(e) == "user_metadata");
    }

    /// <summary>The elements of a text[] literal such as <c>{user_metadata,"role"}</c>.</summary>
    private static IEnumerable<string> PathElements(string literal) =>
        literal.Trim('{', '}').Split(',').Select(e => e.Trim().Trim('"'));
}

using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// The roles the Supabase API runs requests as: <c>anon</c> (the anon key) and <c>authenticated</c> (a signed-in user's
/// JWT). A grant to PUBLIC reaches both. Supabase's default privileges grant both everything on new tables in
/// <c>public</c>, so on a plain history every table and view there is selectable.
/// </summary>
internal static class ApiRoles
{
    public static bool IsApiRole(string role) => role is "anon" or "authenticated" or "public";

    /// <summary>
    /// True when anon or authenticated may SELECT the relation as a whole (what splinter's has_table_privilege asks;
    /// a column grant alone does not count there either).
    /// </summary>
    public static bool CanSelect(IEnumerable<Grant> grants) =>
        grants.Any(g => g.Column is null && g.Privilege == "SELECT" && IsApiRole(g.Grantee));

    /// <summary>
    /// True when anon or authenticated may read or change the relation at all (SELECT, INSERT, UPDATE or DELETE, on
    /// the whole or on a column). Without one of these the API answers permission denied, RLS or not.
    /// </summary>
    public static bool CanReadOrWrite(IEnumerable<Grant> grants) =>
        grants.Any(g => g.Privilege is "SELECT" or "INSERT" or "UPDATE" or "DELETE" && IsApiRole(g.Grantee));

    /// <summary>True when the policy applies to a request made with the anon key or a user's JWT.</summary>
    public static bool AppliesToApi(PolicyModel policy) => policy.Roles.Any(IsApiRole);
}

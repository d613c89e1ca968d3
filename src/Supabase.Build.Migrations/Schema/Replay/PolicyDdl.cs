using System.Collections.Immutable;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>CREATE POLICY and ALTER POLICY (DROP and RENAME are in <see cref="Drops"/> and <see cref="Renames"/>).</summary>
internal static class PolicyDdl
{
    public static void Create(ReplayContext context, PgNode statement)
    {
        if (context.Relation(statement.Child("table")) is not { } table || context.Model.Table(table) is not { } model)
        {
            return;
        }

        var name = statement.GetString("policy_name") ?? string.Empty;
        var roles = ReplayContext.Roles(statement.List("roles"));
        var policy = new PolicyModel(
            name,
            table,
            (statement.GetString("cmd_name") ?? "all").ToUpperInvariant(),
            statement.GetBool("permissive"),
            roles.IsEmpty ? ImmutableList.Create("public") : roles,
            Expression(statement, "qual"),
            Expression(statement, "with_check"),
            context.Source);
        context.Model = context.Model.SetTable(table, model with { Policies = model.Policies.RemoveAll(p => p.Name == name).Add(policy) });
    }

    public static void Alter(ReplayContext context, PgNode statement)
    {
        if (context.Relation(statement.Child("table")) is not { } table || context.Model.Table(table) is not { } model)
        {
            return;
        }

        var name = statement.GetString("policy_name");
        var index = model.Policies.FindIndex(p => p.Name == name);
        if (index < 0)
        {
            return;
        }

        var policy = model.Policies[index];
        var roles = ReplayContext.Roles(statement.List("roles"));
        policy = policy with
        {
            Roles = roles.IsEmpty ? policy.Roles : roles,
            Using = Expression(statement, "qual") ?? policy.Using,
            WithCheck = Expression(statement, "with_check") ?? policy.WithCheck,
            Source = context.Source ?? policy.Source,
        };
        context.Model = context.Model.SetTable(table, model with { Policies = model.Policies.SetItem(index, policy) });
    }

    private static SqlExpression? Expression(PgNode statement, string field) =>
        statement.Child(field) is { IsMissing: false } node ? new SqlExpression(node) : null;
}

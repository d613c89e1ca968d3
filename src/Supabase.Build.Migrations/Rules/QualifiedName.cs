using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>An object name as the parser lists it (<c>[schema, name]</c>, or <c>[database, schema, name]</c>), for scope checks and messages.</summary>
public readonly record struct QualifiedName(string? Schema, string? Name)
{
    /// <summary>The name in a <c>{"List": {"items": [String, ...]}}</c> node; <see cref="Name"/> is null for anything else.</summary>
    public static QualifiedName Of(PgNode list)
    {
        var parts = list.List("items").Select(item => item.StringValue).ToList();
        return parts.Count == 0 || parts.Contains(null)
            ? default
            : new QualifiedName(parts.Count > 1 ? parts[^2] : null, parts[^1]);
    }

    public override string ToString() => Schema is null ? $"'{Name}'" : $"'{Schema}.{Name}'";
}

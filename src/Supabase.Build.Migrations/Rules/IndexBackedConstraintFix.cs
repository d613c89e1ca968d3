using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// The remedy for UNIQUE and PRIMARY KEY constraints on existing tables, as a replacement of the statement: build the
/// index CONCURRENTLY (no write lock), then attach it with ADD CONSTRAINT ... USING INDEX (a catalog change).
/// Offered only for a one-command ALTER TABLE whose constraint is plain columns with no extra options.
/// </summary>
internal static class IndexBackedConstraintFix
{
    public static DiagnosticFix? For(StatementContext context, PgNode constraint, string keyword, string defaultSuffix)
    {
        var node = context.Statement.Node;
        var columns = constraint.List("keys").Select(k => k.StringValue).ToList();
        if (node.List("cmds").Count != 1 || context.Scope.InTransactionBlock || columns.Count == 0 || columns.Contains(null)
            || constraint.List("including").Any() || constraint.List("options").Any() || constraint.Has("indexspace")
            || constraint.GetBool("deferrable") || constraint.GetBool("nulls_not_distinct"))
        {
            return null;
        }

        var relation = node.Child("relation");
        var table = Sql.RelationName(relation);
        var name = constraint.GetString("conname")
                   ?? (defaultSuffix == "pkey" ? $"{relation.GetString("relname")}_pkey" : $"{relation.GetString("relname")}_{string.Join("_", columns)}_key");
        if (Sql.ByteLength(name) > 63)
        {
            return null;
        }

        var list = string.Join(", ", columns.Select(c => Sql.Quote(c!)));
        var replacement = $"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {Sql.Quote(name)} ON {table} ({list});\n"
                          + $"ALTER TABLE {table} ADD CONSTRAINT {Sql.Quote(name)} {keyword} USING INDEX {Sql.Quote(name)}";
        return new DiagnosticFix(
            $"build the index CONCURRENTLY, then ADD CONSTRAINT ... {keyword} USING INDEX",
            Sql.Replace(context, context.Statement.Location, Sql.End(context), replacement));
    }
}

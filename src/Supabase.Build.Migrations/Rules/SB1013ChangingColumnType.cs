using System.Globalization;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// ALTER COLUMN ... TYPE on an existing table rewrites the table (and every index on it) under ACCESS EXCLUSIVE, and
/// the running app may not read the new type. Changes PostgreSQL makes without a rewrite are allowed, using the
/// column's type as the migration history left it (the schema model): varchar(n) to varchar(m &gt;= n), varchar or
/// text; text to varchar; numeric(p,s) to numeric(q &gt;= p,s) or numeric; varbit(n) to varbit(m &gt;= n); cidr to
/// inet; a longer precision of timestamp / time / interval. A USING clause always rewrites.
/// </summary>
public sealed class SB1013ChangingColumnType : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1013", "changing-column-type", DiagnosticSeverity.Error,
        "Do not change a column's type in place", SquawkName: "changing-column-type");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        var relation = node.Child("relation");
        if (!node.Is("AlterTableStmt") || node.GetString("objtype") != "OBJECT_TABLE" || !context.Scope.IsExisting(relation))
        {
            return;
        }

        foreach (var command in node.List("cmds").Where(c => c.GetString("subtype") == "AT_AlterColumnType"))
        {
            var column = command.GetString("name")!;
            var definition = command.Child("def");
            var newType = definition.Child("typeName");
            var hasUsing = !definition.Child("raw_default").IsMissing;
            var before = hasUsing || !MayBeWithoutRewrite(newType) ? null : SchemaLookup.Table(context.SchemaBefore, relation)?.Column(column)?.Type;
            if (before is not null && !hasUsing && IsWithoutRewrite(before, newType))
            {
                continue;
            }

            var from = before is null ? string.Empty : $" from {before}";
            var unknown = before is null && !hasUsing && MayBeWithoutRewrite(newType) ? " (the history does not show its current type; if this only widens a varchar or numeric, suppress this with a reason)" : string.Empty;
            context.Report(
                definition,
                $"changing the type of '{Sql.RelationName(relation)}.{column}'{from} to {Sql.Describe(newType)} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, and breaks clients that read the old type{unknown}; add a new column, backfill it, move readers over, then drop the old one");
        }
    }

    /// <summary>True when PostgreSQL changes <paramref name="before"/> to <paramref name="after"/> without rewriting or scanning.</summary>
    internal static bool IsWithoutRewrite(TypeRef before, PgNode after)
    {
        if (!before.IsBuiltIn || !Sql.IsBuiltIn(after) || before.ArrayDimensions != (Sql.IsArray(after) ? Math.Max(1, before.ArrayDimensions) : 0))
        {
            return false;
        }

        var oldName = before.Name.Name;
        var newName = BuiltInTypes.Canonical(Sql.TypeName(after)) ?? Sql.TypeName(after);
        var oldMods = Modifiers(before.Modifier);
        var newMods = Sql.TypeModifiers(after);
        if (oldName == newName && oldMods.SequenceEqual(newMods))
        {
            return true;
        }

        return (oldName, newName) switch
        {
            ("varchar", "varchar") or ("varbit", "varbit") => newMods.Count == 0 || (oldMods.Count == 1 && newMods[0] >= oldMods[0]),
            ("varchar", "text") => true,
            ("text", "varchar") => newMods.Count == 0,
            ("numeric", "numeric") => newMods.Count == 0
                                      || (oldMods.Count >= 1 && newMods[0] >= oldMods[0] && Scale(newMods) == Scale(oldMods)),
            ("cidr", "inet") => newMods.Count == 0,
            ("timestamp", "timestamp") or ("timestamptz", "timestamptz") or ("time", "time") or ("timetz", "timetz") or ("interval", "interval") =>
                newMods.Count == 0 || (oldMods.Count == 1 && newMods.Count == 1 && newMods[0] >= oldMods[0]),
            _ => false,
        };
    }

    /// <summary>True when this rule will look up the column's old type for an ALTER COLUMN ... TYPE definition.</summary>
    internal static bool MayAskForHistory(PgNode definition) =>
        definition.Child("raw_default").IsMissing && MayBeWithoutRewrite(definition.Child("typeName"));

    /// <summary>True for the target types a change can reach without a rewrite; only then is the column's old type looked up.</summary>
    private static bool MayBeWithoutRewrite(PgNode newType) =>
        Sql.IsBuiltIn(newType)
        && (BuiltInTypes.Canonical(Sql.TypeName(newType)) ?? Sql.TypeName(newType)) is "varchar" or "text" or "numeric" or "varbit" or "inet"
            or "timestamp" or "timestamptz" or "time" or "timetz" or "interval";

    private static int Scale(IReadOnlyList<int> mods) => mods.Count > 1 ? mods[1] : 0;

    private static IReadOnlyList<int> Modifiers(string? modifier) =>
        string.IsNullOrWhiteSpace(modifier)
            ? Array.Empty<int>()
            : modifier.Split(',').Select(m => int.TryParse(m.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
}

using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// What the statements of a file before the current one created: tables (a table created in the same file is
/// new and empty, so locking it or dropping it harms no one) and which of them are temporary.
/// Names compare case-sensitively as PostgreSQL stores them (the parser has already folded unquoted names);
/// an unqualified name matches the same name in any schema.
/// </summary>
public sealed class FileScope
{
    private readonly HashSet<(string? Schema, string Name)> _createdTables = new();
    private readonly HashSet<string> _temporaryTables = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="rangeVar"/> (a RangeVar node) names a table created earlier in this file.</summary>
    public bool IsCreatedInThisFile(PgNode rangeVar) => Find(rangeVar, _createdTables);

    /// <summary>True when <paramref name="rangeVar"/> is temporary: declared TEMP here, or created as TEMP earlier in this file.</summary>
    public bool IsTemporary(PgNode rangeVar) =>
        rangeVar.GetString("relpersistence") == "t"
        || (rangeVar.GetString("schemaname") is null && rangeVar.GetString("relname") is { } name && _temporaryTables.Contains(name))
        || rangeVar.GetString("schemaname") is "pg_temp";

    /// <summary>Records what a statement creates; called by the linter after the rules have seen it.</summary>
    internal void Apply(MigrationStatement statement)
    {
        var node = statement.Node;
        var relation = node.Kind switch
        {
            "CreateStmt" => node.Child("relation"),
            "CreateTableAsStmt" => node.Child("into").Child("rel"),
            "SelectStmt" => node.Child("intoClause").Child("rel"),
            _ => default,
        };
        if (relation.IsMissing || relation.GetString("relname") is not { } name)
        {
            return;
        }

        _createdTables.Add((relation.GetString("schemaname"), name));
        if (relation.GetString("relpersistence") == "t")
        {
            _temporaryTables.Add(name);
        }
    }

    private static bool Find(PgNode rangeVar, HashSet<(string? Schema, string Name)> tables)
    {
        if (rangeVar.GetString("relname") is not { } name)
        {
            return false;
        }

        var schema = rangeVar.GetString("schemaname");
        return tables.Any(t => t.Name == name && (schema is null || t.Schema is null || t.Schema == schema));
    }
}

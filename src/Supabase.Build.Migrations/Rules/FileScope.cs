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
    public bool IsCreatedInThisFile(PgNode rangeVar) =>
        rangeVar.GetString("relname") is { } name && IsCreatedInThisFile(rangeVar.GetString("schemaname"), name);

    /// <summary>True when the table <paramref name="schema"/>.<paramref name="name"/> was created earlier in this file.</summary>
    public bool IsCreatedInThisFile(string? schema, string name) =>
        _createdTables.Any(t => t.Name == name && (schema is null || t.Schema is null || t.Schema == schema));

    /// <summary>True when <paramref name="rangeVar"/> is temporary: declared TEMP here, or created as TEMP earlier in this file.</summary>
    public bool IsTemporary(PgNode rangeVar) =>
        rangeVar.GetString("relpersistence") == "t"
        || (rangeVar.GetString("relname") is { } name && IsTemporary(rangeVar.GetString("schemaname"), name));

    /// <summary>True when the table <paramref name="schema"/>.<paramref name="name"/> is in pg_temp or was created as TEMP earlier in this file.</summary>
    public bool IsTemporary(string? schema, string name) =>
        schema is "pg_temp" || (schema is null && _temporaryTables.Contains(name));

    /// <summary>Records what a statement creates; called by the linter after the rules have seen it.</summary>
    internal void Apply(MigrationStatement statement) => Apply(statement.Node);

    /// <summary>A copy of this scope with what <paramref name="statement"/> creates added (for statements inside a body).</summary>
    internal FileScope After(PgNode statement)
    {
        var next = new FileScope();
        next._createdTables.UnionWith(_createdTables);
        next._temporaryTables.UnionWith(_temporaryTables);
        next.Apply(statement);
        return next;
    }

    private void Apply(PgNode node)
    {
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

        var schema = relation.GetString("schemaname");
        _createdTables.Add((schema, name));
        if (relation.GetString("relpersistence") == "t" || schema == "pg_temp")
        {
            _temporaryTables.Add(name);
        }
    }
}

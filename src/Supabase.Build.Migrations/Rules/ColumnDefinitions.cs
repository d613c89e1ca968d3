using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>A column a statement defines (CREATE TABLE, ADD COLUMN) or retypes (ALTER COLUMN TYPE), and whether it is a key.</summary>
internal sealed record DefinedColumn(PgNode Definition, PgNode TypeName, string Name, string Table, bool IsKey, bool IsNewTable, bool IsRetype);

/// <summary>The columns of CREATE TABLE and ALTER TABLE statements, for the type-choice rules (SB1024, SB1025, SB1026, SB1029).</summary>
internal static class ColumnDefinitions
{
    /// <summary>
    /// Columns defined or retyped by the statement, on ordinary (not temporary) tables. A key is a primary key column,
    /// an identity or serial column, or a foreign key column, declared in the same statement.
    /// </summary>
    public static IReadOnlyList<DefinedColumn> Of(StatementContext context)
    {
        var node = context.Statement.Node;
        var kind = node.Kind;
        if (kind == "CreateStmt")
        {
            return OfCreateTable(context, node);
        }

        if (kind == "AlterTableStmt" && node.GetString("objtype") == "OBJECT_TABLE" && !context.Scope.IsTemporary(node.Child("relation")))
        {
            return OfAlterTable(context, node);
        }

        return Array.Empty<DefinedColumn>();
    }

    private static IReadOnlyList<DefinedColumn> OfCreateTable(StatementContext context, PgNode node)
    {
        var relation = node.Child("relation");
        if (context.Scope.IsTemporary(relation))
        {
            return Array.Empty<DefinedColumn>();
        }

        var elements = node.List("tableElts");
        // A one-column primary key, and foreign key columns, are keys; the members of a composite primary key are
        // usually references and positions (task_id, chunk_index), judged by what else they are.
        var tableKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            if (!element.Is("Constraint"))
            {
                continue;
            }

            var contype = element.GetString("contype");
            var keyList = contype == "CONSTR_FOREIGN" ? "fk_attrs" : contype == "CONSTR_PRIMARY" && element.List("keys").Count == 1 ? "keys" : null;
            if (keyList is null)
            {
                continue;
            }

            foreach (var key in element.List(keyList))
            {
                if (key.StringValue is { } keyName)
                {
                    tableKeys.Add(keyName);
                }
            }
        }

        var columns = new List<DefinedColumn>();
        string? table = null;
        foreach (var column in elements)
        {
            if (column.Is("ColumnDef"))
            {
                var name = column.GetString("colname") ?? string.Empty;
                table ??= Sql.RelationName(relation);
                columns.Add(new DefinedColumn(column, column.Child("typeName"), name, table, IsKey(column) || tableKeys.Contains(name), true, false));
            }
        }

        return columns;
    }

    private static IReadOnlyList<DefinedColumn> OfAlterTable(StatementContext context, PgNode node)
    {
        var relation = node.Child("relation");
        var isNew = context.Scope.IsCreatedInThisFile(relation);
        List<DefinedColumn>? columns = null;
        foreach (var command in node.List("cmds"))
        {
            switch (command.GetString("subtype"))
            {
                case "AT_AddColumn":
                {
                    var definition = command.Child("def");
                    (columns ??= new()).Add(new DefinedColumn(definition, definition.Child("typeName"), definition.GetString("colname") ?? string.Empty, Sql.RelationName(relation), IsKey(definition), isNew, false));
                    break;
                }

                case "AT_AlterColumnType":
                {
                    var definition = command.Child("def");
                    (columns ??= new()).Add(new DefinedColumn(definition, definition.Child("typeName"), command.GetString("name") ?? string.Empty, Sql.RelationName(relation), false, isNew, true));
                    break;
                }
            }
        }

        return columns ?? (IReadOnlyList<DefinedColumn>)Array.Empty<DefinedColumn>();
    }

    private static bool IsKey(PgNode column) =>
        Sql.IsSerial(column.Child("typeName"))
        || Sql.HasConstraint(column, "CONSTR_PRIMARY") || Sql.HasConstraint(column, "CONSTR_IDENTITY") || Sql.HasConstraint(column, "CONSTR_FOREIGN");

    /// <summary>The start and end (byte offsets) of a column's type as written, from the TypeName's location through its modifiers and "without time zone".</summary>
    public static (int Start, int End)? TypeSpan(StatementContext context, PgNode typeName)
    {
        if (typeName.Location is not { } start)
        {
            return null;
        }

        var tokens = Sql.Tokens(context, start).Where(t => !t.IsComment).ToList();
        if (tokens.Count == 0 || tokens[0].Start != start)
        {
            return null;
        }

        var end = tokens[0].End;
        var i = 1;
        if (i < tokens.Count && Sql.Text(context, tokens[i]) == "(")
        {
            while (i < tokens.Count && Sql.Text(context, tokens[i]) != ")")
            {
                i++;
            }

            if (i == tokens.Count)
            {
                return null;
            }

            end = tokens[i].End;
            i++;
        }

        if (i + 2 < tokens.Count && Sql.Text(context, tokens[i]).Equals("without", StringComparison.OrdinalIgnoreCase)
            && Sql.Text(context, tokens[i + 1]).Equals("time", StringComparison.OrdinalIgnoreCase)
            && Sql.Text(context, tokens[i + 2]).Equals("zone", StringComparison.OrdinalIgnoreCase))
        {
            end = tokens[i + 2].End;
        }

        return (start, end);
    }
}

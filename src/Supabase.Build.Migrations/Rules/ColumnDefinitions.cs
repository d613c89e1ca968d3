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
    public static IEnumerable<DefinedColumn> Of(StatementContext context)
    {
        var node = context.Statement.Node;
        if (node.Is("CreateStmt"))
        {
            var relation = node.Child("relation");
            if (context.Scope.IsTemporary(relation))
            {
                yield break;
            }

            var elements = node.List("tableElts").ToList();
            // A one-column primary key, and foreign key columns, are keys; the members of a composite primary key are
            // usually references and positions (task_id, chunk_index), judged by what else they are.
            var tableKeys = elements.Where(e => e.Is("Constraint") && (e.GetString("contype") == "CONSTR_FOREIGN"
                                                                     || (e.GetString("contype") == "CONSTR_PRIMARY" && e.List("keys").Count() == 1)))
                .SelectMany(c => c.List(c.GetString("contype") == "CONSTR_PRIMARY" ? "keys" : "fk_attrs").Select(k => k.StringValue))
                .OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var column in elements.Where(e => e.Is("ColumnDef")))
            {
                var name = column.GetString("colname") ?? string.Empty;
                yield return new DefinedColumn(column, column.Child("typeName"), name, Sql.RelationName(relation), IsKey(column) || tableKeys.Contains(name), true, false);
            }
        }
        else if (node.Is("AlterTableStmt") && node.GetString("objtype") == "OBJECT_TABLE" && !context.Scope.IsTemporary(node.Child("relation")))
        {
            var relation = node.Child("relation");
            var isNew = context.Scope.IsCreatedInThisFile(relation);
            foreach (var command in node.List("cmds"))
            {
                var definition = command.Child("def");
                switch (command.GetString("subtype"))
                {
                    case "AT_AddColumn":
                        yield return new DefinedColumn(definition, definition.Child("typeName"), definition.GetString("colname") ?? string.Empty, Sql.RelationName(relation), IsKey(definition), isNew, false);
                        break;
                    case "AT_AlterColumnType":
                        yield return new DefinedColumn(definition, definition.Child("typeName"), command.GetString("name") ?? string.Empty, Sql.RelationName(relation), false, isNew, true);
                        break;
                }
            }
        }
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

using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules.Embedded;

/// <summary>
/// The SQL a PL/pgSQL body runs, read from libpg_query's PL/pgSQL parse tree: each embedded SQL statement
/// (<c>PLpgSQL_stmt_execsql</c>) and each EXECUTE of a constant string (<c>PLpgSQL_stmt_dynexecute</c>, and
/// <c>FOR ... IN EXECUTE</c>), with the body line (1-based) it is on. EXECUTE of anything computed (format(),
/// concatenation, a variable) cannot be known before it runs and is not followed.
/// </summary>
internal static class PlpgsqlSql
{
    public static IEnumerable<(int Line, string Sql)> Of(PgParser parser, IEnumerable<PgNode> functions)
    {
        var statements = new List<(int Line, string Sql)>();
        foreach (var function in functions)
        {
            foreach (var node in function.DescendantsAndSelf())
            {
                if (SqlOf(parser, node) is { } sql)
                {
                    statements.Add((node.GetInt("lineno"), sql));
                }
            }
        }

        // OrderBy is stable: statements on one line keep their tree order.
        return statements.OrderBy(statement => statement.Line);
    }

    private static string? SqlOf(PgParser parser, PgNode node) => node.Kind switch
    {
        "PLpgSQL_stmt_execsql" => node.Child("sqlstmt").GetString("query"),
        "PLpgSQL_stmt_dynexecute" or "PLpgSQL_stmt_dynfors" => ConstantString(parser, node.Child("query").GetString("query")),
        _ => null,
    };

    /// <summary>The value of an expression that is a single string literal ('...', E'...', $q$...$q$), else null.</summary>
    private static string? ConstantString(PgParser parser, string? expression)
    {
        if (expression is null)
        {
            return null;
        }

        var parsed = parser.Parse("SELECT " + expression);
        if (!parsed.Succeeded || parsed.Statements.Count != 1)
        {
            return null;
        }

        var targets = parsed.Statements[0].Node.List("targetList");
        var value = targets.Count == 1 ? targets[0].Child("val") : default;
        return value.Is("A_Const") ? value.Child("sval").GetString("sval") : null;
    }
}

using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules.Versions;

/// <summary>
/// Syntax of PostgreSQL 14 to 17 that an older server does not have, found in PostgreSQL 17's parse tree (the
/// parser accepts all of it). This file holds queries and expressions (MERGE, SQL/JSON, subqueries, ...);
/// <see cref="NewerDdl"/> the schema and privilege statements. Each use comes with the first major version that
/// accepts it; the rule keeps those newer than the project's.
/// </summary>
internal static class NewerSyntax
{
    /// <summary>The newest major version anything here needs: a project on it (or later) has nothing to find.</summary>
    public const int Newest = 17;

    /// <summary>
    /// Words one of which a body's text holds when a statement in it can use what <see cref="InBody"/> finds (bodies
    /// without any are not parsed for this rule).
    /// </summary>
    public static readonly string[] BodyWords =
    {
        "merge", "merge_action", "json", "json_object", "json_array", "json_objectagg", "json_arrayagg", "json_scalar",
        "json_serialize", "json_table", "json_value", "json_query", "json_exists", "system_user", "local",
    };

    /// <summary>Every use of newer syntax in a statement of the file, located with <paramref name="locator"/>.</summary>
    public static List<NewerSyntaxUse> InStatement(PgNode statement, SyntaxLocator locator)
    {
        var uses = new List<NewerSyntaxUse>();
        foreach (var node in statement.DescendantsAndSelf())
        {
            if (!Query(node, locator, uses, inBody: false))
            {
                NewerDdl.Check(node, locator, uses);
            }
        }

        return uses;
    }

    /// <summary>
    /// The uses in a statement of a function or DO body: the query constructs a body holds (MERGE, SQL/JSON,
    /// SYSTEM_USER, AT LOCAL), each of which has a word of <see cref="BodyWords"/> (so whether a body is parsed never
    /// changes what is found). DDL in bodies is rare, and in a function it runs only when the function does: left out.
    /// </summary>
    public static List<NewerSyntaxUse> InBody(PgNode statement)
    {
        var uses = new List<NewerSyntaxUse>();
        foreach (var node in statement.DescendantsAndSelf())
        {
            Query(node, SyntaxLocator.None, uses, inBody: true);
        }

        return uses;
    }

    /// <summary>Adds what a query or expression node uses; false when the node is not one of these.</summary>
    private static bool Query(PgNode node, SyntaxLocator at, List<NewerSyntaxUse> uses, bool inBody)
    {
        switch (node.Kind)
        {
            case "MergeStmt":
                Merge(node, at, uses);
                return true;
            case "MergeSupportFunc":
                uses.Add(new("merge_action()", 17, at.At(node)));
                return true;
            case "JsonObjectConstructor":
                uses.Add(new("JSON_OBJECT()", 16, at.At(node), "use json_build_object() or jsonb_build_object()"));
                return true;
            case "JsonArrayConstructor":
                uses.Add(new("JSON_ARRAY()", 16, at.At(node), "use json_build_array() or jsonb_build_array()"));
                return true;
            case "JsonArrayQueryConstructor":
                uses.Add(new("JSON_ARRAY(query)", 16, at.At(node), "use array_to_json(array(query)) or (select json_agg(...) from ...)"));
                return true;
            case "JsonObjectAgg":
                uses.Add(new("JSON_OBJECTAGG()", 16, at.At(node.Child("constructor")), "use json_object_agg() or jsonb_object_agg()"));
                return true;
            case "JsonArrayAgg":
                uses.Add(new("JSON_ARRAYAGG()", 16, at.At(node.Child("constructor")), "use json_agg() or jsonb_agg()"));
                return true;
            case "JsonIsPredicate":
                uses.Add(new("IS JSON", 16, IsJson(node, at)));
                return true;
            case "JsonParseExpr":
                // Plain json(x) is older than the constructor: a function-style cast to the type json, which 16 and
                // before run just the same. Only the constructor's clauses are new.
                if (node.GetBool("unique_keys") || node.Child("expr").Child("format").GetString("format_type") is not (null or "JS_FORMAT_DEFAULT"))
                {
                    uses.Add(new("JSON(... WITH UNIQUE KEYS / FORMAT JSON)", 17, at.At(node), "cast instead: (text)::json"));
                }

                return true;
            case "JsonScalarExpr":
                uses.Add(new("JSON_SCALAR()", 17, at.At(node), "use to_json() or to_jsonb()"));
                return true;
            case "JsonSerializeExpr":
                uses.Add(new("JSON_SERIALIZE()", 17, at.At(node), "cast instead: (json)::text"));
                return true;
            case "JsonFuncExpr":
                uses.Add(JsonQueryFunction(node, at));
                return true;
            case "JsonTable":
                uses.Add(new("JSON_TABLE()", 17, at.At(node), "use jsonb_to_recordset() or jsonb_array_elements() in a LATERAL join"));
                return true;
            case "FuncCall":
                SqlSyntaxFunction(node, at, uses);
                return true;
            case "RangeSubselect":
                if (!inBody && node.Child("alias").IsMissing)
                {
                    uses.Add(new("a subquery in FROM without an alias", 16, at.OpeningParenthesis(node.Child("subquery")), "give it one: (select ...) AS sub"));
                }

                return true;
            case "XmlSerialize":
                if (!inBody && node.GetBool("indent"))
                {
                    uses.Add(new("XMLSERIALIZE(... INDENT)", 16, at.At(node)));
                }

                return true;
            case "SelectStmt":
                if (!inBody && node.GetBool("groupDistinct"))
                {
                    uses.Add(new("GROUP BY DISTINCT", 14, at.Words(null, "group", "by", "distinct")));
                }

                return true;
            case "JoinExpr":
                if (!inBody && !node.Child("join_using_alias").IsMissing)
                {
                    uses.Add(new("an alias for JOIN ... USING", 14, null, "alias the joined tables instead"));
                }

                return true;
            case "CommonTableExpr":
                if (!inBody)
                {
                    Recursive(node, at, uses);
                }

                return true;
            default:
                return false;
        }
    }

    private static void Merge(PgNode merge, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        var start = at.WordBefore(at.At(merge.Child("relation")), "merge");
        uses.Add(new("MERGE", 15, start, "use INSERT ... ON CONFLICT, or separate UPDATE, INSERT and DELETE statements"));

        var returning = merge.List("returningList");
        if (returning.Count > 0)
        {
            var first = at.At(returning[0]);
            uses.Add(new("MERGE ... RETURNING", 17, at.WordBefore(first, "returning") ?? first));
        }

        var from = start;
        foreach (var clause in merge.List("mergeWhenClauses"))
        {
            if (clause.GetString("matchKind") == "MERGE_WHEN_NOT_MATCHED_BY_SOURCE")
            {
                var words = at.Range(from, "not", "matched", "by", "source");
                from = words?.End ?? from;
                uses.Add(new("WHEN NOT MATCHED BY SOURCE", 17, words?.Start, "delete or update those rows in a separate statement (WHERE NOT EXISTS (...))"));
            }
        }

        // WHEN NOT MATCHED BY TARGET is 17's spelling of WHEN NOT MATCHED: the same tree, so only the tokens tell.
        for (var target = at.Range(start, "matched", "by", "target"); target is { } words; target = at.Range(words.End, "matched", "by", "target"))
        {
            var by = at.Range(words.Start, "by")!.Value;
            uses.Add(new("WHEN NOT MATCHED BY TARGET", 17, by.Start, "write WHEN NOT MATCHED, which means the same"));
        }
    }

    /// <summary>JSON_VALUE(), JSON_QUERY(), JSON_EXISTS(): one node, told apart by its op.</summary>
    private static NewerSyntaxUse JsonQueryFunction(PgNode node, SyntaxLocator at) => node.GetString("op") switch
    {
        "JSON_VALUE_OP" => new("JSON_VALUE()", 17, at.At(node), "use jsonb_path_query_first(...) #>> '{}'"),
        "JSON_QUERY_OP" => new("JSON_QUERY()", 17, at.At(node), "use jsonb_path_query_first() or jsonb_path_query_array()"),
        "JSON_EXISTS_OP" => new("JSON_EXISTS()", 17, at.At(node), "use jsonb_path_exists()"),
        var op => new($"SQL/JSON {op}", 17, at.At(node)),
    };

    /// <summary>The predicate's location is its operand's; the IS JSON words after it are what is new.</summary>
    private static int? IsJson(PgNode predicate, SyntaxLocator at)
    {
        var operand = at.At(predicate);
        var plain = at.Words(operand, "is", "json");
        var negated = at.Words(operand, "is", "not", "json");
        return plain is { } p && (negated is not { } n || p < n) ? p : negated ?? operand;
    }

    /// <summary>SYSTEM_USER and AT LOCAL: SQL keywords the parser turns into calls of pg_catalog functions.</summary>
    private static void SqlSyntaxFunction(PgNode call, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        if (call.GetString("funcformat") != "COERCE_SQL_SYNTAX")
        {
            return;
        }

        var name = call.List("funcname");
        if (name.Count != 2 || name[0].StringValue != "pg_catalog")
        {
            return;
        }

        switch (name[1].StringValue)
        {
            case "system_user":
                uses.Add(new("SYSTEM_USER", 16, at.At(call)));
                break;
            case "timezone" when call.List("args").Count == 1:
                var words = at.Range(at.At(call.List("args")[0]), "at", "local");
                uses.Add(new(
                    "AT LOCAL",
                    17,
                    words?.Start,
                    "write AT TIME ZONE current_setting('TimeZone')",
                    words is { } span ? at.Replacement(span, "AT TIME ZONE current_setting('TimeZone')") : null));
                break;
        }
    }

    private static void Recursive(PgNode cte, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        if (!cte.Child("search_clause").IsMissing)
        {
            uses.Add(new("SEARCH ... SET in a recursive query", 14, at.At(cte.Child("search_clause")), "keep the depth or path in a column of the recursive query"));
        }

        if (!cte.Child("cycle_clause").IsMissing)
        {
            uses.Add(new("CYCLE ... SET in a recursive query", 14, at.At(cte.Child("cycle_clause")), "keep the path in an array column and stop when it repeats"));
        }
    }
}

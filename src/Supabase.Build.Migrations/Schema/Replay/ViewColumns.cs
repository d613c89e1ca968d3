using System.Collections.Immutable;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>
/// The output columns of a query, as PostgreSQL would name and type them: names from aliases or the expression
/// (a column's name, a function's name, <c>?column?</c>), types from the columns the query reads (tables, views,
/// CTEs, subqueries, set-returning functions of the model), casts, constants, operators and well-known functions.
/// A type it cannot derive is returned unresolved. View columns are always nullable, as the catalog says.
/// </summary>
internal static class ViewColumns
{
    public sealed record Result(ImmutableList<ColumnModel> Columns, ImmutableList<ObjectName> ReadsFrom);

    private sealed record RangeItem(string? Alias, IReadOnlyList<ColumnModel> Columns, bool Known);

    private sealed class Scope
    {
        public List<RangeItem> Items { get; } = new();

        public Dictionary<string, IReadOnlyList<ColumnModel>> Ctes { get; init; } = new(StringComparer.Ordinal);

        public Scope? Outer { get; init; }
    }

    public static Result Derive(ReplayContext context, PgNode query, IReadOnlyList<string> aliases)
    {
        var columns = Select(context, query, new Scope()).ToList();
        for (var i = 0; i < Math.Min(aliases.Count, columns.Count); i++)
        {
            columns[i] = columns[i] with { Name = aliases[i] };
        }

        var ctes = query.DescendantsAndSelf().Where(n => n.Is("CommonTableExpr")).Select(n => n.GetString("ctename")).ToHashSet(StringComparer.Ordinal);
        var reads = query.DescendantsAndSelf()
            .Where(n => n.Is("RangeVar") && !(n.GetString("schemaname") is null && ctes.Contains(n.GetString("relname"))))
            .Select(n => context.Relation(n) ?? new ObjectName(n.GetString("schemaname") ?? context.CreationSchema, n.GetString("relname") ?? string.Empty))
            .Distinct()
            .OrderBy(n => n)
            .ToImmutableList();
        return new Result(columns.ToImmutableList(), reads);
    }

    private static IEnumerable<ColumnModel> Select(ReplayContext context, PgNode select, Scope outer)
    {
        if (select.Kind is "SelectStmt" or "")
        {
            if (select.GetString("op") is { } op && op != "SETOP_NONE")
            {
                return Select(context, select.Child("larg"), outer);
            }

            var scope = new Scope { Outer = outer, Ctes = new Dictionary<string, IReadOnlyList<ColumnModel>>(outer.Ctes, StringComparer.Ordinal) };
            foreach (var cte in select.Child("withClause").List("ctes"))
            {
                var cteColumns = Select(context, cte.Child("ctequery"), scope).ToList();
                var names = ReplayContext.Strings(cte.List("aliascolnames"));
                for (var i = 0; i < Math.Min(names.Count, cteColumns.Count); i++)
                {
                    cteColumns[i] = cteColumns[i] with { Name = names[i] };
                }

                scope.Ctes[cte.GetString("ctename") ?? string.Empty] = cteColumns;
            }

            if (select.Has("valuesLists"))
            {
                var first = select.List("valuesLists").FirstOrDefault().List("items");
                return first.Select((value, i) => Column("column" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Type(context, value, scope)));
            }

            foreach (var item in select.List("fromClause"))
            {
                AddFrom(context, item, scope);
            }

            return Targets(context, select.List("targetList"), scope);
        }

        return Enumerable.Empty<ColumnModel>();
    }

    private static IEnumerable<ColumnModel> Targets(ReplayContext context, IEnumerable<PgNode> targets, Scope scope)
    {
        foreach (var target in targets)
        {
            var value = target.Child("val");
            if (value.Is("ColumnRef") && value.List("fields").LastOrDefault().Is("A_Star"))
            {
                var fields = value.List("fields");
                var qualifier = fields.Count > 1 ? fields[^2].StringValue : null;
                foreach (var item in scope.Items.Where(i => qualifier is null || i.Alias == qualifier))
                {
                    foreach (var column in item.Columns)
                    {
                        yield return Column(column.Name, column.Type);
                    }
                }

                continue;
            }

            yield return Column(target.GetString("name") ?? ColumnName(value), Type(context, value, scope));
        }
    }

    private static ColumnModel Column(string name, TypeRef? type) =>
        new(name, type ?? new TypeRef(new ObjectName(string.Empty, "unknown"), IsResolved: false));

    private static void AddFrom(ReplayContext context, PgNode item, Scope scope)
    {
        switch (item.Kind)
        {
            case "RangeVar":
                var alias = item.Child("alias").GetString("aliasname") ?? item.GetString("relname");
                if (item.GetString("schemaname") is null && item.GetString("relname") is { } cteName && scope.Ctes.TryGetValue(cteName, out var cteColumns))
                {
                    scope.Items.Add(new RangeItem(alias, cteColumns, true));
                    break;
                }

                var relation = context.Relation(item);
                var columns = relation is { } r ? context.Model.ColumnsOf(r) : null;
                scope.Items.Add(new RangeItem(alias, Renamed(columns ?? Array.Empty<ColumnModel>(), item.Child("alias")), columns is not null));
                break;
            case "JoinExpr":
                AddFrom(context, item.Child("larg"), scope);
                AddFrom(context, item.Child("rarg"), scope);
                break;
            case "RangeSubselect":
                var sub = Select(context, item.Child("subquery"), scope).ToList();
                scope.Items.Add(new RangeItem(item.Child("alias").GetString("aliasname"), Renamed(sub, item.Child("alias")), true));
                break;
            case "RangeFunction":
                var call = item.List("functions").FirstOrDefault().List("items").FirstOrDefault();
                var functionColumns = call.Is("FuncCall") ? FunctionColumns(context, call) : null;
                var functionAlias = item.Child("alias").GetString("aliasname") ?? (call.Is("FuncCall") ? call.List("funcname").LastOrDefault().StringValue : null);
                scope.Items.Add(new RangeItem(functionAlias, Renamed(functionColumns ?? Array.Empty<ColumnModel>(), item.Child("alias")), functionColumns is not null));
                break;
            default:
                scope.Items.Add(new RangeItem(null, Array.Empty<ColumnModel>(), false));
                break;
        }
    }

    private static IReadOnlyList<ColumnModel> Renamed(IReadOnlyList<ColumnModel> columns, PgNode alias)
    {
        var names = ReplayContext.Strings(alias.List("colnames"));
        return names.Count == 0 ? columns : columns.Select((c, i) => i < names.Count ? c with { Name = names[i] } : c).ToList();
    }

    /// <summary>The columns of a set-returning function in FROM: its OUT/TABLE parameters, a composite's attributes, or one column.</summary>
    private static IReadOnlyList<ColumnModel>? FunctionColumns(ReplayContext context, PgNode call)
    {
        var name = call.List("funcname").LastOrDefault().StringValue ?? string.Empty;
        var function = FindFunction(context, call);
        if (function is not null)
        {
            var outputs = function.OutputParameters.ToList();
            if (outputs.Count > 0)
            {
                return outputs.Select(p => Column(p.Name ?? name, p.Type)).ToList();
            }

            if (function.ReturnType is { } returned && context.Model.ColumnsOf(returned.Name) is { } composite)
            {
                return composite.Select(c => Column(c.Name, c.Type)).ToList();
            }

            return function.ReturnType is { } scalar && scalar.Name.Name != "record" ? new[] { Column(name, scalar) } : null;
        }

        return name switch
        {
            "unnest" => new[] { Column("unnest", FirstArgument(context, call, null)?.Element) },
            "generate_series" => new[] { Column("generate_series", FirstArgument(context, call, null)) },
            "jsonb_array_elements" => new[] { Column("value", TypeRef.BuiltIn("jsonb")) },
            "json_array_elements" => new[] { Column("value", TypeRef.BuiltIn("json")) },
            "jsonb_array_elements_text" or "json_array_elements_text" => new[] { Column("value", TypeRef.BuiltIn("text")) },
            "jsonb_each" => new[] { Column("key", TypeRef.BuiltIn("text")), Column("value", TypeRef.BuiltIn("jsonb")) },
            "jsonb_each_text" or "json_each_text" => new[] { Column("key", TypeRef.BuiltIn("text")), Column("value", TypeRef.BuiltIn("text")) },
            _ => null,
        };
    }

    private static FunctionModel? FindFunction(ReplayContext context, PgNode call)
    {
        var parts = ReplayContext.Strings(call.List("funcname"));
        var schemas = parts.Count >= 2 ? new[] { parts[^2] } : context.SearchPath.ToArray();
        var argumentCount = call.List("args").Count;
        foreach (var schema in schemas)
        {
            var overloads = context.Model.FunctionsNamed(new ObjectName(schema, parts[^1])).ToList();
            var match = overloads.FirstOrDefault(f => f.InputParameters.Count() == argumentCount)
                ?? overloads.FirstOrDefault(f => f.InputParameters.Count(p => !p.HasDefault) <= argumentCount && f.InputParameters.Count() >= argumentCount)
                ?? overloads.FirstOrDefault();
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>FigureColname: the name PostgreSQL gives an unnamed output column.</summary>
    private static string ColumnName(PgNode value) => value.Kind switch
    {
        "ColumnRef" => value.List("fields").LastOrDefault().StringValue ?? "?column?",
        "FuncCall" => value.List("funcname").LastOrDefault().StringValue ?? "?column?",
        "TypeCast" => ColumnName(value.Child("arg")) is var inner && inner != "?column?" ? inner : TypeNameOf(value.Child("typeName")),
        "CaseExpr" => "case",
        "CoalesceExpr" => "coalesce",
        "MinMaxExpr" => value.GetString("op") == "IS_GREATEST" ? "greatest" : "least",
        "NullIfExpr" => "nullif",
        "A_ArrayExpr" => "array",
        "RowExpr" => "row",
        "SubLink" => value.GetString("subLinkType") switch
        {
            "EXISTS_SUBLINK" => "exists",
            "ARRAY_SUBLINK" => "array",
            "EXPR_SUBLINK" => FirstTargetName(value.Child("subselect")),
            _ => "?column?",
        },
        "A_Indirection" => value.List("indirection").LastOrDefault().StringValue ?? ColumnName(value.Child("arg")),
        "SQLValueFunction" => SqlValueFunctionName(value.GetString("op")),
        "CollateClause" => ColumnName(value.Child("arg")),
        _ => "?column?",
    };

    private static string FirstTargetName(PgNode select)
    {
        var target = select.List("targetList").FirstOrDefault();
        return target.GetString("name") ?? ColumnName(target.Child("val"));
    }

    private static string TypeNameOf(PgNode typeName)
    {
        var name = typeName.List("names").LastOrDefault().StringValue ?? "?column?";
        return name switch { "int4" => "int4", "bool" => "bool", _ => name };
    }

    private static string SqlValueFunctionName(string? op) => op switch
    {
        "SVFOP_CURRENT_DATE" => "current_date",
        "SVFOP_CURRENT_TIME" or "SVFOP_CURRENT_TIME_N" => "current_time",
        "SVFOP_CURRENT_TIMESTAMP" or "SVFOP_CURRENT_TIMESTAMP_N" => "current_timestamp",
        "SVFOP_LOCALTIME" or "SVFOP_LOCALTIME_N" => "localtime",
        "SVFOP_LOCALTIMESTAMP" or "SVFOP_LOCALTIMESTAMP_N" => "localtimestamp",
        "SVFOP_CURRENT_ROLE" => "current_role",
        "SVFOP_CURRENT_USER" => "current_user",
        "SVFOP_USER" => "user",
        "SVFOP_SESSION_USER" => "session_user",
        "SVFOP_CURRENT_CATALOG" => "current_catalog",
        "SVFOP_CURRENT_SCHEMA" => "current_schema",
        _ => "?column?",
    };

    private static TypeRef? FirstArgument(ReplayContext context, PgNode call, Scope? scope) =>
        call.List("args").Select(a => Type(context, a, scope ?? new Scope())).FirstOrDefault(t => t is not null);

    private static TypeRef? Type(ReplayContext context, PgNode value, Scope scope)
    {
        switch (value.Kind)
        {
            case "ColumnRef":
                return ColumnType(value, scope);
            case "TypeCast":
                return context.Type(value.Child("typeName"));
            case "A_Const":
                return value.Has("ival") ? TypeRef.BuiltIn("int4")
                    : value.Has("fval") ? TypeRef.BuiltIn("numeric")
                    : value.Has("boolval") ? TypeRef.BuiltIn("bool")
                    : value.Has("bsval") ? TypeRef.BuiltIn("bit")
                    : TypeRef.BuiltIn("text");
            case "BoolExpr" or "NullTest" or "BooleanTest":
                return TypeRef.BuiltIn("bool");
            case "A_Expr":
                return OperatorType(context, value, scope);
            case "CaseExpr":
                return value.List("args").Select(w => Type(context, w.Child("result"), scope)).Append(Type(context, value.Child("defresult"), scope)).FirstOrDefault(t => t is not null);
            case "CoalesceExpr" or "MinMaxExpr":
                return value.List("args").Select(a => Type(context, a, scope)).FirstOrDefault(t => t is not null);
            case "NullIfExpr":
                return value.List("args").Select(a => Type(context, a, scope)).FirstOrDefault();
            case "SubLink":
                return value.GetString("subLinkType") switch
                {
                    "EXISTS_SUBLINK" or "ANY_SUBLINK" or "ALL_SUBLINK" => TypeRef.BuiltIn("bool"),
                    "EXPR_SUBLINK" => Select(context, value.Child("subselect"), scope).FirstOrDefault() is { Type.IsResolved: true } first ? first.Type : null,
                    "ARRAY_SUBLINK" => Select(context, value.Child("subselect"), scope).FirstOrDefault() is { Type.IsResolved: true } element ? element.Type with { ArrayDimensions = 1 } : null,
                    _ => null,
                };
            case "A_ArrayExpr":
                var elementType = value.List("elements").Select(e => Type(context, e, scope)).FirstOrDefault(t => t is not null);
                return elementType is null ? null : elementType with { ArrayDimensions = elementType.ArrayDimensions + 1 };
            case "SQLValueFunction":
                return value.GetString("op") switch
                {
                    "SVFOP_CURRENT_DATE" => TypeRef.BuiltIn("date"),
                    "SVFOP_CURRENT_TIME" or "SVFOP_CURRENT_TIME_N" => TypeRef.BuiltIn("timetz"),
                    "SVFOP_CURRENT_TIMESTAMP" or "SVFOP_CURRENT_TIMESTAMP_N" => TypeRef.BuiltIn("timestamptz"),
                    "SVFOP_LOCALTIME" or "SVFOP_LOCALTIME_N" => TypeRef.BuiltIn("time"),
                    "SVFOP_LOCALTIMESTAMP" or "SVFOP_LOCALTIMESTAMP_N" => TypeRef.BuiltIn("timestamp"),
                    _ => TypeRef.BuiltIn("name"),
                };
            case "FuncCall":
                return FunctionType(context, value, scope);
            case "CollateClause":
                return Type(context, value.Child("arg"), scope);
            case "A_Indirection":
                var baseType = Type(context, value.Child("arg"), scope);
                if (baseType is { IsArray: true } && value.List("indirection").All(i => i.Is("A_Indices") && !i.GetBool("is_slice")))
                {
                    return baseType.Element;
                }

                if (baseType is not null && value.List("indirection").LastOrDefault().StringValue is { } field && context.Model.ColumnsOf(baseType.Name) is { } attributes)
                {
                    return attributes.FirstOrDefault(a => a.Name == field)?.Type;
                }

                return null;
            default:
                return null;
        }
    }

    private static TypeRef? ColumnType(PgNode columnRef, Scope scope)
    {
        var fields = columnRef.List("fields").Select(f => f.StringValue).ToList();
        if (fields.Contains(null))
        {
            return null;
        }

        var column = fields[^1]!;
        var qualifier = fields.Count >= 2 ? fields[^2] : null;
        for (var current = scope; current is not null; current = current.Outer)
        {
            foreach (var item in current.Items.Where(i => qualifier is null || i.Alias == qualifier))
            {
                if (item.Columns.FirstOrDefault(c => c.Name == column) is { } found)
                {
                    return found.Type.IsResolved ? found.Type : null;
                }
            }

            if (qualifier is null && fields.Count == 1)
            {
                // A whole-row reference (t) names a range item's row.
                if (current.Items.Any(i => i.Alias == column))
                {
                    return TypeRef.BuiltIn("record");
                }
            }
        }

        return null;
    }

    private static readonly string[] NumericOrder = { "int2", "int4", "int8", "numeric", "float4", "float8" };

    private static TypeRef? OperatorType(ReplayContext context, PgNode expression, Scope scope)
    {
        var kind = expression.GetString("kind");
        if (kind is "AEXPR_IN" or "AEXPR_LIKE" or "AEXPR_ILIKE" or "AEXPR_SIMILAR" or "AEXPR_BETWEEN" or "AEXPR_NOT_BETWEEN"
            or "AEXPR_BETWEEN_SYM" or "AEXPR_NOT_BETWEEN_SYM" or "AEXPR_DISTINCT" or "AEXPR_NOT_DISTINCT" or "AEXPR_OP_ANY" or "AEXPR_OP_ALL")
        {
            return TypeRef.BuiltIn("bool");
        }

        if (kind == "AEXPR_NULLIF")
        {
            return Type(context, expression.Child("lexpr"), scope);
        }

        var op = expression.List("name").LastOrDefault().StringValue;
        var left = expression.Has("lexpr") ? Type(context, expression.Child("lexpr"), scope) : null;
        var right = Type(context, expression.Child("rexpr"), scope);
        switch (op)
        {
            case "=" or "<>" or "!=" or "<" or ">" or "<=" or ">=" or "~~" or "!~~" or "~~*" or "!~~*" or "~" or "~*" or "!~" or "!~*"
                or "@>" or "<@" or "?" or "?|" or "?&" or "&&" or "@@" or "@?" or "^@":
                return TypeRef.BuiltIn("bool");
            case "->>" or "#>>":
                return TypeRef.BuiltIn("text");
            case "->" or "#>" or "#-":
                return left;
            case "||":
                if (left is { IsArray: true })
                {
                    return left;
                }

                if (right is { IsArray: true })
                {
                    return right;
                }

                return left?.Name.Name is "jsonb" or "tsvector" ? left : TypeRef.BuiltIn("text");
            case "+" or "-" or "*" or "/" or "%" or "^":
                if (expression.Has("lexpr") is false)
                {
                    return right; // unary minus
                }

                return Arithmetic(op!, left, right);
            default:
                return null;
        }
    }

    private static TypeRef? Arithmetic(string op, TypeRef? left, TypeRef? right)
    {
        if (left is null || right is null || left.IsArray || right.IsArray)
        {
            return null;
        }

        string? l = left.IsBuiltIn ? left.Name.Name : null, r = right.IsBuiltIn ? right.Name.Name : null;
        if (l is null || r is null)
        {
            return null;
        }

        var li = Array.IndexOf(NumericOrder, l);
        var ri = Array.IndexOf(NumericOrder, r);
        if (li >= 0 && ri >= 0)
        {
            if (op == "^")
            {
                return TypeRef.BuiltIn(l == "numeric" || r == "numeric" ? "numeric" : "float8");
            }

            return TypeRef.BuiltIn(NumericOrder[Math.Max(li, ri)]);
        }

        return (l, op, r) switch
        {
            ("timestamptz", "-", "timestamptz") or ("timestamp", "-", "timestamp") => TypeRef.BuiltIn("interval"),
            ("date", "-", "date") => TypeRef.BuiltIn("int4"),
            ("date", "+" or "-", "int4" or "int2" or "int8") => TypeRef.BuiltIn("date"),
            ("date", "+" or "-", "interval") => TypeRef.BuiltIn("timestamp"),
            ("timestamptz" or "timestamp" or "time" or "timetz", "+" or "-", "interval") => left,
            ("interval", "+", "timestamptz" or "timestamp") => right,
            ("interval", "+" or "-", "interval") => left,
            ("interval", "*" or "/", _) => left,
            (_, "*", "interval") => right,
            _ => null,
        };
    }

    private static TypeRef? FunctionType(ReplayContext context, PgNode call, Scope scope)
    {
        var parts = ReplayContext.Strings(call.List("funcname"));
        var name = parts[^1];
        var isCatalog = parts.Count == 1 || parts[^2] == BuiltInTypes.Catalog;
        if (!isCatalog || !KnownFunction(name))
        {
            if (FindFunction(context, call) is { } function)
            {
                if (function.ReturnsSet && function.OutputParameters.Count() > 1 || function.ReturnType?.Name.Name == "record")
                {
                    return null;
                }

                return function.ReturnType;
            }
        }

        if (!isCatalog)
        {
            return null;
        }

        var argument = FirstArgument(context, call, scope);
        if (call.GetBool("agg_within_group"))
        {
            // Ordered-set aggregates: mode() and percentile_disc() return the type of what they order by.
            var ordered = call.List("agg_order").Select(o => Type(context, o.Child("node"), scope)).FirstOrDefault();
            return name switch
            {
                "mode" or "percentile_disc" => ordered,
                "percentile_cont" => ordered?.Name.Name == "interval" ? ordered : TypeRef.BuiltIn("float8"),
                _ => null,
            };
        }

        switch (name)
        {
            case "count":
                return TypeRef.BuiltIn("int8");
            case "sum":
                return argument?.Name.Name switch
                {
                    "int2" or "int4" => TypeRef.BuiltIn("int8"),
                    "int8" or "numeric" => TypeRef.BuiltIn("numeric"),
                    "float4" or "float8" or "interval" or "money" => argument,
                    _ => null,
                };
            case "avg":
                return argument?.Name.Name switch
                {
                    "float4" or "float8" => TypeRef.BuiltIn("float8"),
                    "interval" => argument,
                    null => null,
                    _ => TypeRef.BuiltIn("numeric"),
                };
            case "min" or "max" or "abs" or "ceil" or "ceiling" or "floor" or "greatest" or "least" or "array_remove" or "array_append"
                or "array_prepend" or "array_cat" or "any_value" or "lag" or "lead" or "first_value" or "last_value" or "nth_value"
                or "jsonb_set" or "jsonb_insert" or "jsonb_strip_nulls" or "json_strip_nulls" or "coalesce":
                return name == "array_prepend" ? call.List("args").Skip(1).Select(a => Type(context, a, scope)).FirstOrDefault() : argument;
            case "round" or "trunc":
                return call.List("args").Count > 1 ? TypeRef.BuiltIn("numeric") : argument;
            case "array_agg":
                return argument is null ? null : argument with { ArrayDimensions = argument.ArrayDimensions + 1 };
            case "unnest":
                return argument?.Element;
            case "string_agg" or "lower" or "upper" or "trim" or "btrim" or "ltrim" or "rtrim" or "concat" or "concat_ws" or "format"
                or "substring" or "substr" or "replace" or "left" or "right" or "initcap" or "md5" or "to_char" or "repeat" or "lpad"
                or "rpad" or "split_part" or "regexp_replace" or "translate" or "encode" or "quote_ident" or "quote_literal"
                or "quote_nullable" or "array_to_string" or "jsonb_typeof" or "json_typeof" or "chr" or "reverse" or "jsonb_pretty"
                or "host" or "text" or "current_setting" or "normalize" or "overlay" or "to_hex" or "sha256" or "gen_random_bytes_text":
                return TypeRef.BuiltIn("text");
            case "json_agg" or "json_build_object" or "json_build_array" or "json_object_agg" or "to_json" or "row_to_json" or "array_to_json" or "json_object":
                return TypeRef.BuiltIn("json");
            case "jsonb_agg" or "jsonb_build_object" or "jsonb_build_array" or "jsonb_object_agg" or "to_jsonb" or "jsonb_object" or "jsonb_path_query_first":
                return TypeRef.BuiltIn("jsonb");
            case "now" or "transaction_timestamp" or "statement_timestamp" or "clock_timestamp" or "to_timestamp":
                return TypeRef.BuiltIn("timestamptz");
            case "timezone":
                var second = call.List("args").Skip(1).Select(a => Type(context, a, scope)).FirstOrDefault();
                return second?.Name.Name switch
                {
                    "timestamptz" => TypeRef.BuiltIn("timestamp"),
                    "timestamp" => TypeRef.BuiltIn("timestamptz"),
                    "timetz" or "time" => TypeRef.BuiltIn("timetz"),
                    _ => null,
                };
            case "date_trunc":
                return call.List("args").Skip(1).Select(a => Type(context, a, scope)).FirstOrDefault();
            case "date_part":
                return TypeRef.BuiltIn("float8");
            case "extract":
                return TypeRef.BuiltIn("numeric");
            case "age" or "justify_interval" or "justify_days" or "justify_hours" or "make_interval":
                return TypeRef.BuiltIn("interval");
            case "to_date" or "make_date":
                return TypeRef.BuiltIn("date");
            case "to_number":
                return TypeRef.BuiltIn("numeric");
            case "length" or "char_length" or "character_length" or "octet_length" or "bit_length" or "position" or "strpos"
                or "array_length" or "cardinality" or "jsonb_array_length" or "json_array_length" or "ascii" or "array_position"
                or "ntile" or "array_ndims":
                return TypeRef.BuiltIn("int4");
            case "row_number" or "rank" or "dense_rank":
                return TypeRef.BuiltIn("int8");
            case "percent_rank" or "cume_dist" or "random" or "stddev" or "variance" or "stddev_samp" or "var_samp" or "corr" or "pi":
                return name is "stddev" or "variance" or "stddev_samp" or "var_samp" && argument?.Name.Name is not ("float4" or "float8")
                    ? TypeRef.BuiltIn("numeric")
                    : TypeRef.BuiltIn("float8");
            case "bool_and" or "bool_or" or "every" or "starts_with" or "isfinite" or "jsonb_path_exists" or "has_table_privilege":
                return TypeRef.BuiltIn("bool");
            case "gen_random_uuid" or "uuid_generate_v4" or "uuid_generate_v1":
                return TypeRef.BuiltIn("uuid");
            case "to_tsvector" or "setweight" or "strip":
                return TypeRef.BuiltIn("tsvector");
            case "to_tsquery" or "plainto_tsquery" or "websearch_to_tsquery" or "phraseto_tsquery":
                return TypeRef.BuiltIn("tsquery");
            case "ts_rank" or "ts_rank_cd":
                return TypeRef.BuiltIn("float4");
            case "string_to_array" or "regexp_split_to_array" or "regexp_match" or "regexp_matches":
                return TypeRef.BuiltIn("text", 1);
            case "jsonb_array_elements" or "jsonb_path_query":
                return TypeRef.BuiltIn("jsonb");
            case "jsonb_array_elements_text" or "json_array_elements_text" or "jsonb_object_keys" or "json_object_keys":
                return TypeRef.BuiltIn("text");
            case "generate_series":
                return argument;
            case "decode" or "digest" or "hmac" or "gen_random_bytes" or "convert_to":
                return TypeRef.BuiltIn("bytea");
            case "pg_column_size" or "octet_length_bytea":
                return TypeRef.BuiltIn("int4");
            default:
                return null;
        }
    }

    private static bool KnownFunction(string name) => name is "count" or "sum" or "avg" or "min" or "max" or "now" or "coalesce" or "lower" or "upper";
}

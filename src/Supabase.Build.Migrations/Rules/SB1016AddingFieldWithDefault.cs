using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// ADD COLUMN with a default PostgreSQL must compute per row rewrites the whole table under ACCESS EXCLUSIVE: a
/// VOLATILE default (gen_random_uuid(), random(), clock_timestamp(), nextval() and so serial columns, a function the
/// history created VOLATILE), an identity column, a stored generated column. Before PostgreSQL 11 (supabase/config.toml
/// <c>[db] major_version</c>) any non-null default rewrites. A constant, now(), or a STABLE function does not.
/// </summary>
public sealed class SB1016AddingFieldWithDefault : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1016", "adding-field-with-default", DiagnosticSeverity.Error,
        "Do not add columns whose default rewrites the table", SquawkName: "adding-field-with-default");

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        if (!node.Is("AlterTableStmt") || node.GetString("objtype") != "OBJECT_TABLE" || !context.Scope.IsExisting(node.Child("relation")))
        {
            return;
        }

        var table = Sql.RelationName(node.Child("relation"));
        foreach (var column in node.List("cmds").Where(c => c.GetString("subtype") == "AT_AddColumn").Select(c => c.Child("def")))
        {
            var name = column.GetString("colname");
            var why = Why(context, column);
            if (why is not null)
            {
                context.Report(
                    column,
                    $"adding column '{name}' to '{table}' {why} rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes; add the column without it (or with a constant default), then fill existing rows in batches");
            }
        }
    }

    private static string? Why(StatementContext context, PgQuery.PgNode column)
    {
        var type = column.Child("typeName");
        if (Sql.IsSerial(type))
        {
            return $"as {Sql.TypeName(type)} (its nextval() default is volatile)";
        }

        if (Sql.HasConstraint(column, "CONSTR_IDENTITY"))
        {
            return "as an identity column";
        }

        if (Sql.HasConstraint(column, "CONSTR_GENERATED"))
        {
            return "as a stored generated column";
        }

        foreach (var value in Sql.ColumnConstraints(column, "CONSTR_DEFAULT").Select(d => d.Child("raw_expr")))
        {
            if (Sql.VolatileCall(value, name => IsVolatile(context, name)) is { } call)
            {
                return $"with the volatile default {call}";
            }

            if (context.PostgresMajorVersion < 11 && !IsNullConstant(value))
            {
                return $"with a default on PostgreSQL {context.PostgresMajorVersion} (before 11 every default)";
            }
        }

        return null;
    }

    /// <summary>What the history says about a function's volatility; null when it does not know the function.</summary>
    private static bool? IsVolatile(StatementContext context, IReadOnlyList<string> name)
    {
        var model = context.SchemaBefore;
        if (model is null || name.Count == 0)
        {
            return null;
        }

        var schema = name.Count > 1 ? name[^2] : "public";
        var overloads = model.FunctionsNamed(new Schema.ObjectName(schema, name[^1])).ToList();
        return overloads.Count == 0 ? null : overloads.All(f => f.Volatility == "volatile");
    }

    private static bool IsNullConstant(PgQuery.PgNode value) => value.Is("A_Const") && value.GetBool("isnull");
}

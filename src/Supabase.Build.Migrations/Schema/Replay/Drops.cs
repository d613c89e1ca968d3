using System.Collections.Immutable;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>DROP of every modelled kind, and what goes with it (indexes, constraints, dependent FKs and views).</summary>
internal static class Drops
{
    public static void Apply(ReplayContext context, PgNode statement)
    {
        var cascade = statement.GetString("behavior") == "DROP_CASCADE";
        foreach (var target in statement.List("objects"))
        {
            var parts = target.Is("List") ? ReplayContext.Strings(target.List("items"))
                : target.Is("TypeName") ? ReplayContext.Strings(target.List("names"))
                : target.Is("String") ? new List<string> { target.StringValue ?? string.Empty }
                : new List<string>();
            switch (statement.GetString("removeType"))
            {
                case "OBJECT_TABLE" or "OBJECT_FOREIGN_TABLE" or "OBJECT_VIEW" or "OBJECT_MATVIEW":
                    if (context.Relation(parts) is { } relation)
                    {
                        DropRelation(context, relation, cascade);
                    }

                    break;
                case "OBJECT_INDEX":
                    DropIndex(context, parts);
                    break;
                case "OBJECT_TYPE" or "OBJECT_DOMAIN":
                    if (context.UserType(parts) is { } type)
                    {
                        DropType(context, type);
                    }

                    break;
                case "OBJECT_FUNCTION" or "OBJECT_PROCEDURE" or "OBJECT_ROUTINE":
                    foreach (var function in FunctionDdl.Find(context, target))
                    {
                        context.Model = context.Model with { Functions = context.Model.Functions.Remove(function.Signature) };
                    }

                    break;
                case "OBJECT_POLICY" when parts.Count >= 2 && context.Relation(parts.Take(parts.Count - 1).ToList()) is { } table:
                    AlterTableDdl.UpdateTable(context, table, t => t with { Policies = t.Policies.RemoveAll(p => p.Name == parts[^1]) });
                    break;
                case "OBJECT_TRIGGER" when parts.Count >= 2 && context.Relation(parts.Take(parts.Count - 1).ToList()) is { } table:
                    AlterTableDdl.UpdateTable(context, table, t => t with { Triggers = t.Triggers.RemoveAll(p => p.Name == parts[^1]) });
                    break;
                case "OBJECT_SCHEMA" when parts.Count == 1:
                    DropSchema(context, parts[0]);
                    break;
                case "OBJECT_EXTENSION" when parts.Count == 1:
                    context.Model = context.Model with { Extensions = context.Model.Extensions.Remove(parts[0]) };
                    break;
            }
        }
    }

    public static void DropRelation(ReplayContext context, ObjectName name, bool cascade)
    {
        // Its dependents by the model's references, not by walking every table, index and view (a history that
        // drops often, and the regression suite, would walk the whole model on each DROP).
        var model = context.Model;
        var references = model.References;
        model = model.RemoveTable(name).RemoveView(name);
        foreach (var index in references.IndexesOn(name))
        {
            model = model.RemoveIndex(index);
        }

        // Foreign keys that referenced it go with it (CASCADE drops them; without it the server refuses, so a history
        // that ran dropped them first).
        foreach (var key in references.TablesReferencing(name))
        {
            if (model.Tables.TryGetValue(key, out var table) && table.ReferencesTable(name))
            {
                model = model.SetTable(key, table with { Constraints = table.Constraints.RemoveAll(c => c.References?.Table == name) });
            }
        }

        context.Model = model;
        if (!cascade)
        {
            return;
        }

        foreach (var reader in model.References.ViewsReading(name))
        {
            DropRelation(context, reader, cascade);
        }
    }

    private static void DropIndex(ReplayContext context, List<string> parts)
    {
        if (parts.Count == 0)
        {
            return;
        }

        var schemas = parts.Count >= 2 ? new[] { parts[^2] } : context.SearchPath.ToArray();
        foreach (var schema in schemas)
        {
            var name = new ObjectName(schema, parts[^1]);
            if (context.Model.Indexes.ContainsKey(name))
            {
                context.Model = context.Model.RemoveIndex(name);
                return;
            }
        }
    }

    public static void DropType(ReplayContext context, ObjectName type)
    {
        var model = context.Model with
        {
            Enums = context.Model.Enums.Remove(type),
            CompositeTypes = context.Model.CompositeTypes.Remove(type),
            Domains = context.Model.Domains.Remove(type),
        };

        // With CASCADE the columns of that type go too (without it the server refuses while any exists).
        foreach (var key in SchemaReferences.TablesUsing(model, type))
        {
            if (model.Tables.TryGetValue(key, out var table) && table.HasColumnOfType(type))
            {
                model = model.SetTable(key, table with { Columns = table.Columns.RemoveAll(c => c.Type.Name == type) });
            }
        }

        context.Model = model;
    }

    private static void DropSchema(ReplayContext context, string schema)
    {
        // Relations and indexes one by one, so the model's references follow (a bulk removal would make them anew).
        var model = context.Model;
        foreach (var key in model.Tables.Keys.Where(k => k.Schema == schema).ToList())
        {
            model = model.RemoveTable(key);
        }

        foreach (var key in model.Views.Keys.Where(k => k.Schema == schema).ToList())
        {
            model = model.RemoveView(key);
        }

        foreach (var key in model.Indexes.Keys.Where(k => k.Schema == schema).ToList())
        {
            model = model.RemoveIndex(key);
        }

        context.Model = model with
        {
            Schemas = model.Schemas.Remove(schema),
            Enums = model.Enums.RemoveRange(model.Enums.Keys.Where(k => k.Schema == schema).ToList()),
            CompositeTypes = model.CompositeTypes.RemoveRange(model.CompositeTypes.Keys.Where(k => k.Schema == schema).ToList()),
            Domains = model.Domains.RemoveRange(model.Domains.Keys.Where(k => k.Schema == schema).ToList()),
            Functions = model.Functions.RemoveRange(model.Functions.Where(f => f.Value.Name.Schema == schema).Select(f => f.Key).ToList()),
        };
    }

    /// <summary>DROP COLUMN: the column, the constraints and indexes that use it, and foreign keys elsewhere that point at it.</summary>
    public static void DropColumn(ReplayContext context, ObjectName tableName, string column)
    {
        if (context.Model.Table(tableName) is not { } table)
        {
            return;
        }

        var dropped = table.Constraints.Where(c => c.Columns.Contains(column)
            || (c.Kind == ConstraintKind.Check && c.Expression is { } e && e.Node.DescendantsAndSelf().Any(n => n.Is("ColumnRef") && n.List("fields").LastOrDefault().StringValue == column))).ToList();
        table = table with
        {
            Columns = table.Columns.RemoveAll(c => c.Name == column),
            Constraints = table.Constraints.RemoveAll(dropped.Contains),
        };
        var model = context.Model.SetTable(tableName, table);
        var references = model.References;
        foreach (var key in references.IndexesOn(tableName))
        {
            if (model.Indexes.TryGetValue(key, out var index) && index.Columns.Contains(column))
            {
                model = model.RemoveIndex(key);
            }
        }

        foreach (var key in references.TablesReferencing(tableName))
        {
            if (model.Tables.TryGetValue(key, out var other) && other.ReferencesTable(tableName))
            {
                var kept = other.Constraints.RemoveAll(c => c.References?.Table == tableName && c.References.Columns.Contains(column));
                if (kept.Count != other.Constraints.Count)
                {
                    model = model.SetTable(key, other with { Constraints = kept });
                }
            }
        }

        context.Model = model;
    }

    public static void DropConstraint(ReplayContext context, ObjectName tableName, string constraint)
    {
        if (context.Model.Table(tableName) is not { } table || table.Constraints.Find(c => c.Name == constraint) is not { } dropped)
        {
            return;
        }

        var model = context.Model.SetTable(tableName, table with { Constraints = table.Constraints.Remove(dropped) });
        if (dropped.IndexName is not null)
        {
            model = model.RemoveIndex(new ObjectName(tableName.Schema, dropped.IndexName));
        }

        context.Model = model;
    }
}

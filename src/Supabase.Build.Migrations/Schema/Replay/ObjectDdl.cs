using System.Collections.Immutable;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>CREATE SCHEMA, CREATE EXTENSION, CREATE INDEX, CREATE TRIGGER and COMMENT ON.</summary>
internal static class ObjectDdl
{
    public static void CreateSchema(ReplayContext context, PgNode statement, Action<PgNode> applyElement)
    {
        var name = statement.GetString("schemaname") ?? (statement.Child("authrole").GetString("rolename") ?? string.Empty);
        if (!context.Model.Schemas.ContainsKey(name))
        {
            context.Model = context.Model with { Schemas = context.Model.Schemas.SetItem(name, new SchemaObjectModel(name, Source: context.Source)) };
        }

        var elements = statement.List("schemaElts");
        if (elements.Count > 0)
        {
            // CREATE SCHEMA s CREATE TABLE t ...: the elements are created in s.
            var saved = context.SearchPath;
            context.SearchPath = ImmutableList.Create(name);
            foreach (var element in elements)
            {
                applyElement(element);
            }

            context.SearchPath = saved;
        }
    }

    /// <summary>
    /// Extensions whose control file names their schema (<c>schema = ...</c>): CREATE EXTENSION puts them there
    /// whatever the search_path, and rejects WITH SCHEMA naming another.
    /// </summary>
    private static readonly Dictionary<string, string> PinnedExtensionSchemas = new(StringComparer.Ordinal)
    {
        ["plpgsql"] = "pg_catalog",
        ["pgmq"] = "pgmq",
        ["pgsodium"] = "pgsodium",
        ["supabase_vault"] = "vault",
    };

    public static void CreateExtension(ReplayContext context, PgNode statement)
    {
        var name = statement.GetString("extname") ?? string.Empty;
        if (context.Model.Extensions.ContainsKey(name))
        {
            return;
        }

        var schema = PinnedExtensionSchemas.GetValueOrDefault(name)
            ?? statement.List("options").FirstOrDefault(o => o.GetString("defname") == "schema").Child("arg").StringValue
            ?? context.CreationSchema;
        context.Model = context.Model with { Extensions = context.Model.Extensions.SetItem(name, new ExtensionModel(name, schema, context.Source)) };
    }

    public static void CreateIndex(ReplayContext context, PgNode statement)
    {
        if (context.Relation(statement.Child("relation")) is not { } table)
        {
            return;
        }

        var keys = statement.List("indexParams").Select(p => p.GetString("name")).ToImmutableList();
        var unique = statement.GetBool("unique");
        var name = statement.GetString("idxname")
            ?? ConstraintNames.Choose(
                table.Name,
                string.Join("_", keys.Select(k => k ?? "expr")),
                statement.GetBool("primary") ? "pkey" : "idx",
                n => context.Model.Indexes.ContainsKey(new ObjectName(table.Schema, n)) || context.Model.HasRelation(new ObjectName(table.Schema, n)));
        var key = new ObjectName(table.Schema, name);
        if (context.Model.Indexes.ContainsKey(key))
        {
            return;
        }

        var predicate = statement.Child("whereClause") is { IsMissing: false } where ? new SqlExpression(where) : null;
        var index = new IndexModel(key, table, keys, unique, statement.GetBool("primary"), statement.GetString("accessMethod") ?? "btree", predicate, Source: context.Source);
        context.Model = context.Model.SetIndex(key, index);
    }

    public static void CreateTrigger(ReplayContext context, PgNode statement)
    {
        if (context.Relation(statement.Child("relation")) is not { } table || context.Model.Table(table) is not { } model)
        {
            return;
        }

        var timing = statement.GetInt("timing");
        var events = statement.GetInt("events");
        var eventNames = new List<string>();
        if ((events & (1 << 2)) != 0)
        {
            eventNames.Add("INSERT");
        }

        if ((events & (1 << 3)) != 0)
        {
            eventNames.Add("DELETE");
        }

        if ((events & (1 << 4)) != 0)
        {
            eventNames.Add("UPDATE");
        }

        if ((events & (1 << 5)) != 0)
        {
            eventNames.Add("TRUNCATE");
        }

        var name = statement.GetString("trigname") ?? string.Empty;
        var function = context.NameToCreate(statement.List("funcname"));
        var trigger = new TriggerModel(
            name,
            table,
            (timing & (1 << 1)) != 0 ? "BEFORE" : (timing & (1 << 6)) != 0 ? "INSTEAD OF" : "AFTER",
            eventNames.ToImmutableList(),
            statement.GetBool("row"),
            function,
            context.Source);
        context.Model = context.Model.SetTable(table, model with { Triggers = model.Triggers.RemoveAll(t => t.Name == name).Add(trigger) });
    }

    public static void Comment(ReplayContext context, PgNode statement)
    {
        var comment = statement.GetString("comment");
        var target = statement.Child("object");
        var parts = ReplayContext.Strings(target.Is("List") ? target.List("items") : target.Is("TypeName") ? target.List("names") : Enumerable.Empty<PgNode>());
        switch (statement.GetString("objtype"))
        {
            case "OBJECT_TABLE" or "OBJECT_VIEW" or "OBJECT_MATVIEW" or "OBJECT_FOREIGN_TABLE":
                if (context.Relation(parts) is { } relation)
                {
                    if (context.Model.Table(relation) is { } table)
                    {
                        context.Model = context.Model.SetTable(relation, table with { Comment = comment });
                    }
                    else if (context.Model.View(relation) is { } view)
                    {
                        context.Model = context.Model.SetView(relation, view with { Comment = comment });
                    }
                }

                break;
            case "OBJECT_COLUMN" when parts.Count >= 2:
                if (context.Relation(parts.Take(parts.Count - 1).ToList()) is { } owner)
                {
                    AlterTableDdl.UpdateColumn(context, owner, parts[^1], c => c with { Comment = comment });
                }
                else if (context.UserType(parts.Take(parts.Count - 1).ToList()) is { } compositeName && context.Model.CompositeTypes.TryGetValue(compositeName, out var composite))
                {
                    context.Model = context.Model with
                    {
                        CompositeTypes = context.Model.CompositeTypes.SetItem(compositeName, composite with
                        {
                            Attributes = composite.Attributes.Select(a => a.Name == parts[^1] ? a with { Comment = comment } : a).ToImmutableList(),
                        }),
                    };
                }

                break;
            case "OBJECT_TYPE" or "OBJECT_DOMAIN":
                if (context.UserType(parts) is { } type)
                {
                    var model = context.Model;
                    context.Model = model with
                    {
                        Enums = model.Enums.TryGetValue(type, out var e) ? model.Enums.SetItem(type, e with { Comment = comment }) : model.Enums,
                        CompositeTypes = model.CompositeTypes.TryGetValue(type, out var c) ? model.CompositeTypes.SetItem(type, c with { Comment = comment }) : model.CompositeTypes,
                        Domains = model.Domains.TryGetValue(type, out var d) ? model.Domains.SetItem(type, d with { Comment = comment }) : model.Domains,
                    };
                }

                break;
            case "OBJECT_FUNCTION" or "OBJECT_PROCEDURE" or "OBJECT_ROUTINE":
                foreach (var function in FunctionDdl.Find(context, target).ToList())
                {
                    FunctionDdl.Replace(context, function, function with { Comment = comment });
                }

                break;
            case "OBJECT_SCHEMA" when target.StringValue is { } schemaName && context.Model.Schemas.TryGetValue(schemaName, out var schema):
                context.Model = context.Model with { Schemas = context.Model.Schemas.SetItem(schemaName, schema with { Comment = comment }) };
                break;
        }
    }
}

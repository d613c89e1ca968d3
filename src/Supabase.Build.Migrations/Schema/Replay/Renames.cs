using System.Collections.Immutable;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>
/// RENAME and SET SCHEMA of tables, views, columns, constraints, indexes, types, functions, extensions, policies and triggers.
/// What pointed at the old name follows (foreign keys, indexes, views' sources, columns of a renamed type), as the
/// server's references by OID do.
/// </summary>
internal static class Renames
{
    public static void Apply(ReplayContext context, PgNode statement)
    {
        var newName = statement.GetString("newname") ?? string.Empty;
        var subName = statement.GetString("subname");
        var relation = statement.Child("relation");
        switch (statement.GetString("renameType"))
        {
            case "OBJECT_TABLE" or "OBJECT_VIEW" or "OBJECT_MATVIEW" or "OBJECT_FOREIGN_TABLE":
                if (context.Relation(relation) is { } table)
                {
                    MoveRelation(context, table, table with { Name = newName });
                }
                else if (context.Relation(relation) is null && relation.GetString("relname") is { } maybeIndex)
                {
                    RenameIndex(context, relation.GetString("schemaname"), maybeIndex, newName);
                }

                break;
            case "OBJECT_INDEX":
                RenameIndex(context, relation.GetString("schemaname"), relation.GetString("relname") ?? string.Empty, newName);
                break;
            case "OBJECT_COLUMN" when subName is not null && context.Relation(relation) is { } owner:
                RenameColumn(context, owner, subName, newName);
                break;
            case "OBJECT_TABCONSTRAINT" when subName is not null && context.Relation(relation) is { } owner:
                AlterTableDdl.UpdateTable(context, owner, t => t with
                {
                    Constraints = t.Constraints.Select(c => c.Name == subName ? c with { Name = newName, IndexName = c.IndexName is null ? null : newName } : c).ToImmutableList(),
                });
                var oldIndex = new ObjectName(owner.Schema, subName);
                if (context.Model.Indexes.TryGetValue(oldIndex, out var constraintIndex))
                {
                    context.Model = context.Model.RemoveIndex(oldIndex)
                        .SetIndex(oldIndex with { Name = newName }, constraintIndex with { Name = oldIndex with { Name = newName }, ConstraintName = newName });
                }

                break;
            case "OBJECT_TYPE" or "OBJECT_DOMAIN":
                var parts = ReplayContext.Strings(statement.Child("object").Is("List") ? statement.Child("object").List("items") : statement.Child("object").List("names"));
                if (context.UserType(parts) is { } type)
                {
                    MoveType(context, type, type with { Name = newName });
                }

                break;
            case "OBJECT_ATTRIBUTE" when subName is not null && context.UserType(new[] { relation.GetString("schemaname"), relation.GetString("relname") }.Where(p => p is not null).Select(p => p!).ToList()) is { } composite
                                        && context.Model.CompositeTypes.TryGetValue(composite, out var compositeType):
                context.Model = context.Model with
                {
                    CompositeTypes = context.Model.CompositeTypes.SetItem(composite, compositeType with
                    {
                        Attributes = compositeType.Attributes.Select(a => a.Name == subName ? a with { Name = newName } : a).ToImmutableList(),
                    }),
                };
                break;
            case "OBJECT_FUNCTION" or "OBJECT_PROCEDURE" or "OBJECT_ROUTINE":
                foreach (var function in FunctionDdl.Find(context, statement.Child("object")))
                {
                    FunctionDdl.Replace(context, function, function with { Name = function.Name with { Name = newName } });
                }

                break;
            case "OBJECT_POLICY" when subName is not null && context.Relation(relation) is { } owner:
                AlterTableDdl.UpdateTable(context, owner, t => t with { Policies = t.Policies.Select(p => p.Name == subName ? p with { Name = newName } : p).ToImmutableList() });
                break;
            case "OBJECT_TRIGGER" when subName is not null && context.Relation(relation) is { } owner:
                AlterTableDdl.UpdateTable(context, owner, t => t with { Triggers = t.Triggers.Select(p => p.Name == subName ? p with { Name = newName } : p).ToImmutableList() });
                break;
            case "OBJECT_SCHEMA" when subName is not null:
                RenameSchema(context, subName, newName);
                break;
        }
    }

    public static void SetSchema(ReplayContext context, PgNode statement)
    {
        var schema = statement.GetString("newschema") ?? string.Empty;
        switch (statement.GetString("objectType"))
        {
            case "OBJECT_TABLE" or "OBJECT_VIEW" or "OBJECT_MATVIEW" or "OBJECT_FOREIGN_TABLE":
                if (context.Relation(statement.Child("relation")) is { } table)
                {
                    MoveRelation(context, table, table with { Schema = schema });
                }

                break;
            case "OBJECT_TYPE" or "OBJECT_DOMAIN":
                var target = statement.Child("object");
                var parts = ReplayContext.Strings(target.Is("List") ? target.List("items") : target.List("names"));
                if (context.UserType(parts) is { } type)
                {
                    MoveType(context, type, type with { Schema = schema });
                }

                break;
            case "OBJECT_FUNCTION" or "OBJECT_PROCEDURE" or "OBJECT_ROUTINE":
                foreach (var function in FunctionDdl.Find(context, statement.Child("object")))
                {
                    FunctionDdl.Replace(context, function, function with { Name = function.Name with { Schema = schema } });
                }

                break;
            case "OBJECT_EXTENSION" when statement.Child("object").StringValue is { } extension && context.Model.Extensions.TryGetValue(extension, out var installed):
                context.Model = context.Model with { Extensions = context.Model.Extensions.SetItem(extension, installed with { Schema = schema }) };
                break;
        }
    }

    private static void MoveRelation(ReplayContext context, ObjectName from, ObjectName to)
    {
        var model = context.Model;
        if (model.Tables.TryGetValue(from, out var table))
        {
            model = model.RemoveTable(from).SetTable(to, table with
            {
                Name = to,
                Policies = table.Policies.Select(p => p with { Table = to }).ToImmutableList(),
                Triggers = table.Triggers.Select(p => p with { Table = to }).ToImmutableList(),
            });
        }

        if (model.Views.TryGetValue(from, out var view))
        {
            model = model.RemoveView(from).SetView(to, view with { Name = to });
        }

        // Indexes stay with their table (into its new schema); foreign keys and views keep pointing at it. Each loop
        // takes its dependents from the model as it was before the loop (the model is immutable), and changes the new one.
        foreach (var key in model.References.IndexesOn(from))
        {
            if (!model.Indexes.TryGetValue(key, out var index))
            {
                continue;
            }

            var moved = index with { Table = to, Name = index.Name with { Schema = to.Schema } };
            model = model.RemoveIndex(index.Name).SetIndex(moved.Name, moved);
        }

        foreach (var key in model.References.TablesReferencing(from))
        {
            if (!model.Tables.TryGetValue(key, out var other) || !HasForeignKeyTo(other, from))
            {
                continue;
            }

            model = model.SetTable(other.Name, other with
            {
                Constraints = other.Constraints.Select(c => c.References?.Table == from ? c with { References = c.References with { Table = to } } : c).ToImmutableList(),
            });
        }

        foreach (var key in model.References.ViewsReading(from))
        {
            if (!model.Views.TryGetValue(key, out var reader))
            {
                continue;
            }

            model = model.SetView(reader.Name, reader with { ReadsFrom = reader.ReadsFrom.Replace(from, to) });
        }

        context.Model = model;
    }

    private static bool HasForeignKeyTo(TableModel table, ObjectName target)
    {
        foreach (var constraint in table.Constraints)
        {
            if (constraint.Kind == ConstraintKind.ForeignKey && constraint.References?.Table == target)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasColumnOfType(ImmutableList<ColumnModel> columns, ObjectName type)
    {
        foreach (var column in columns)
        {
            if (column.Type.Name == type)
            {
                return true;
            }
        }

        return false;
    }

    private static void RenameColumn(ReplayContext context, ObjectName owner, string from, string to)
    {
        string Rename(string c) => c == from ? to : c;
        var model = context.Model;
        if (model.Tables.TryGetValue(owner, out var table))
        {
            table = table with
            {
                Columns = table.Columns.Select(c => c.Name == from ? c with { Name = to } : c).ToImmutableList(),
                Constraints = table.Constraints.Select(c => c with { Columns = c.Columns.Select(Rename).ToImmutableList() }).ToImmutableList(),
            };
            model = model.SetTable(owner, table);
        }
        else if (model.Views.TryGetValue(owner, out var view))
        {
            model = model.SetView(owner, view with { Columns = view.Columns.Select(c => c.Name == from ? c with { Name = to } : c).ToImmutableList() });
        }

        var references = model.References;
        foreach (var key in references.IndexesOn(owner))
        {
            if (model.Indexes.TryGetValue(key, out var index) && index.Columns.Contains(from))
            {
                model = model.SetIndex(index.Name, index with { Columns = index.Columns.Select(c => c == from ? to : c).ToImmutableList() });
            }
        }

        foreach (var key in references.TablesReferencing(owner))
        {
            if (model.Tables.TryGetValue(key, out var other) && other.ForeignKeys.Any(f => f.References?.Table == owner && f.References.Columns.Contains(from)))
            {
                model = model.SetTable(other.Name, other with
                {
                    Constraints = other.Constraints.Select(c => c.References?.Table == owner
                        ? c with { References = c.References with { Columns = c.References.Columns.Select(Rename).ToImmutableList() } }
                        : c).ToImmutableList(),
                });
            }
        }

        context.Model = model;
    }

    private static void RenameIndex(ReplayContext context, string? schema, string name, string newName)
    {
        foreach (var candidate in schema is null ? context.SearchPath : ImmutableList.Create(schema))
        {
            var key = new ObjectName(candidate, name);
            if (context.Model.Indexes.TryGetValue(key, out var index))
            {
                var renamed = index with { Name = key with { Name = newName } };
                context.Model = context.Model.RemoveIndex(key).SetIndex(renamed.Name, renamed);
                if (index.ConstraintName is { } constraint)
                {
                    AlterTableDdl.UpdateTable(context, index.Table, t => t with
                    {
                        Constraints = t.Constraints.Select(c => c.Name == constraint ? c with { Name = newName, IndexName = newName } : c).ToImmutableList(),
                    });
                    context.Model = context.Model.SetIndex(renamed.Name, renamed with { ConstraintName = newName });
                }

                return;
            }
        }
    }

    /// <summary>A type renamed or moved: every column, attribute, domain and parameter of that type follows it.</summary>
    private static void MoveType(ReplayContext context, ObjectName from, ObjectName to)
    {
        TypeRef Retarget(TypeRef type) => type.Name == from ? type with { Name = to } : type;
        ColumnModel RetargetColumn(ColumnModel column) => column.Type.Name == from ? column with { Type = Retarget(column.Type) } : column;

        var model = context.Model;
        if (model.Enums.TryGetValue(from, out var enumType))
        {
            model = model with { Enums = model.Enums.Remove(from).SetItem(to, enumType with { Name = to }) };
        }

        if (model.CompositeTypes.TryGetValue(from, out var composite))
        {
            model = model with { CompositeTypes = model.CompositeTypes.Remove(from).SetItem(to, composite with { Name = to }) };
        }

        if (model.Domains.TryGetValue(from, out var domain))
        {
            model = model with { Domains = model.Domains.Remove(from).SetItem(to, domain with { Name = to }) };
        }

        // Only what uses the type changes (SetItem), rather than every dictionary being rebuilt.
        foreach (var key in SchemaReferences.TablesUsing(model, from))
        {
            if (model.Tables.TryGetValue(key, out var table) && HasColumnOfType(table.Columns, from))
            {
                model = model.SetTable(key, table with { Columns = table.Columns.Select(RetargetColumn).ToImmutableList() });
            }
        }

        foreach (var (key, view) in model.Views)
        {
            if (HasColumnOfType(view.Columns, from))
            {
                model = model.SetView(key, view with { Columns = view.Columns.Select(RetargetColumn).ToImmutableList() });
            }
        }

        var composites = model.CompositeTypes;
        foreach (var (key, compositeType) in model.CompositeTypes)
        {
            if (HasColumnOfType(compositeType.Attributes, from))
            {
                composites = composites.SetItem(key, compositeType with { Attributes = compositeType.Attributes.Select(RetargetColumn).ToImmutableList() });
            }
        }

        var domains = model.Domains;
        foreach (var (key, domainType) in model.Domains)
        {
            if (domainType.BaseType.Name == from)
            {
                domains = domains.SetItem(key, domainType with { BaseType = Retarget(domainType.BaseType) });
            }
        }

        model = model with { CompositeTypes = composites, Domains = domains };
        context.Model = model;
        foreach (var function in model.Functions.Values.Where(f => f.ReturnType?.Name == from || f.Parameters.Any(p => p.Type.Name == from)).ToList())
        {
            FunctionDdl.Replace(context, function, function with
            {
                ReturnType = function.ReturnType is null ? null : Retarget(function.ReturnType),
                Parameters = function.Parameters.Select(p => p with { Type = Retarget(p.Type) }).ToImmutableList(),
            });
        }
    }

    private static void RenameSchema(ReplayContext context, string from, string to)
    {
        foreach (var table in context.Model.Tables.Keys.Concat(context.Model.Views.Keys).Where(k => k.Schema == from).ToList())
        {
            MoveRelation(context, table, table with { Schema = to });
        }

        foreach (var type in context.Model.Enums.Keys.Concat(context.Model.CompositeTypes.Keys).Concat(context.Model.Domains.Keys).Where(k => k.Schema == from).ToList())
        {
            MoveType(context, type, type with { Schema = to });
        }

        foreach (var function in context.Model.Functions.Values.Where(f => f.Name.Schema == from).ToList())
        {
            FunctionDdl.Replace(context, function, function with { Name = function.Name with { Schema = to } });
        }

        if (context.Model.Schemas.TryGetValue(from, out var schema))
        {
            context.Model = context.Model with { Schemas = context.Model.Schemas.Remove(from).SetItem(to, schema with { Name = to }) };
        }
    }
}

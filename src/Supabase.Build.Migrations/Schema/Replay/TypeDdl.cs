using System.Collections.Immutable;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>CREATE TYPE ... AS ENUM / AS (...), CREATE DOMAIN, and their ALTERs (ADD VALUE, RENAME VALUE, ADD ATTRIBUTE, ...).</summary>
internal static class TypeDdl
{
    public static void CreateEnum(ReplayContext context, PgNode statement)
    {
        var name = context.NameToCreate(statement.List("typeName"));
        if (context.Model.HasType(name))
        {
            return;
        }

        var labels = ReplayContext.Strings(statement.List("vals")).ToImmutableList();
        context.Model = context.Model with { Enums = context.Model.Enums.SetItem(name, new EnumModel(name, labels, Source: context.Source)) };
    }

    public static void AlterEnum(ReplayContext context, PgNode statement)
    {
        var parts = ReplayContext.Strings(statement.List("typeName"));
        if (context.UserType(parts) is not { } name || !context.Model.Enums.TryGetValue(name, out var enumType))
        {
            return;
        }

        var labels = enumType.Labels;
        var newValue = statement.GetString("newVal") ?? string.Empty;
        if (statement.GetString("oldVal") is { } oldValue)
        {
            labels = labels.Contains(oldValue) ? labels.Replace(oldValue, newValue) : labels; // renaming a label that is not there fails on the server
        }
        else if (!context.EnumLabels(labels).Contains(newValue))
        {
            var neighbor = statement.GetString("newValNeighbor");
            var at = neighbor is null ? -1 : labels.IndexOf(neighbor);
            var added = at < 0 ? labels.Add(newValue) : labels.Insert(statement.GetBool("newValIsAfter") ? at + 1 : at, newValue);
            context.EnumLabelAdded(labels, added, newValue);
            labels = added;
        }

        context.Model = context.Model with { Enums = context.Model.Enums.SetItem(name, enumType with { Labels = labels }) };
    }

    public static void CreateComposite(ReplayContext context, PgNode statement)
    {
        var name = context.NameToCreate(statement.Child("typevar"));
        if (context.Model.HasType(name))
        {
            return;
        }

        var attributes = statement.List("coldeflist").Select(c => new ColumnModel(c.GetString("colname") ?? string.Empty, context.Type(c.Child("typeName")))).ToImmutableList();
        context.Model = context.Model with { CompositeTypes = context.Model.CompositeTypes.SetItem(name, new CompositeTypeModel(name, attributes, Source: context.Source)) };
    }

    /// <summary>ALTER TYPE composite ADD / DROP / ALTER ATTRIBUTE (parsed as ALTER TABLE with objtype OBJECT_TYPE).</summary>
    public static void AlterComposite(ReplayContext context, PgNode statement)
    {
        var relation = statement.Child("relation");
        var parts = new[] { relation.GetString("schemaname"), relation.GetString("relname") }.Where(p => p is not null).Select(p => p!).ToList();
        if (context.UserType(parts) is not { } name || !context.Model.CompositeTypes.TryGetValue(name, out var composite))
        {
            return;
        }

        foreach (var command in statement.List("cmds"))
        {
            var attribute = command.GetString("name");
            var definition = command.Child("def");
            composite = command.GetString("subtype") switch
            {
                "AT_AddColumn" => composite with { Attributes = composite.Attributes.Add(new ColumnModel(definition.GetString("colname") ?? string.Empty, context.Type(definition.Child("typeName")))) },
                "AT_DropColumn" => composite with { Attributes = composite.Attributes.RemoveAll(a => a.Name == attribute) },
                "AT_AlterColumnType" => composite with
                {
                    Attributes = composite.Attributes.Select(a => a.Name == attribute ? a with { Type = context.Type(definition.Child("typeName")) } : a).ToImmutableList(),
                },
                _ => composite,
            };
        }

        context.Model = context.Model with { CompositeTypes = context.Model.CompositeTypes.SetItem(name, composite) };
    }

    public static void CreateDomain(ReplayContext context, PgNode statement)
    {
        var name = context.NameToCreate(statement.List("domainname"));
        if (context.Model.HasType(name))
        {
            return;
        }

        var domain = new DomainModel(name, context.Type(statement.Child("typeName")), Source: context.Source);
        foreach (var constraint in statement.List("constraints"))
        {
            domain = WithConstraint(domain, constraint);
        }

        context.Model = context.Model with { Domains = context.Model.Domains.SetItem(name, domain) };
    }

    public static void AlterDomain(ReplayContext context, PgNode statement)
    {
        if (context.UserType(ReplayContext.Strings(statement.List("typeName"))) is not { } name || !context.Model.Domains.TryGetValue(name, out var domain))
        {
            return;
        }

        var definition = statement.Child("def");
        domain = statement.GetString("subtype") switch
        {
            "T" => domain with { Default = AlterTableDdl.DefaultOf(definition) },
            "N" => domain with { NotNull = false },
            "O" => domain with { NotNull = true },
            "C" => WithConstraint(domain, definition),
            _ => domain,
        };
        context.Model = context.Model with { Domains = context.Model.Domains.SetItem(name, domain) };
    }

    private static DomainModel WithConstraint(DomainModel domain, PgNode constraint) => constraint.GetString("contype") switch
    {
        "CONSTR_NOTNULL" => domain with { NotNull = true },
        "CONSTR_NULL" => domain with { NotNull = false },
        "CONSTR_DEFAULT" => domain with { Default = AlterTableDdl.DefaultOf(constraint.Child("raw_expr")) },
        "CONSTR_CHECK" => domain with { Checks = domain.Checks.Add(new SqlExpression(constraint.Child("raw_expr"))) },
        _ => domain,
    };
}

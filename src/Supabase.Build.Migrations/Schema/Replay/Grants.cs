using System.Collections.Immutable;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>GRANT / REVOKE on tables, views, functions and schemas (one object, or ALL ... IN SCHEMA), and default privileges.</summary>
internal static class Grants
{
    private static readonly string[] TablePrivileges = { "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER" };
    private static readonly string[] FunctionPrivileges = { "EXECUTE" };
    private static readonly string[] SchemaPrivileges = { "USAGE", "CREATE" };
    private static readonly string[] UsagePrivilege = { "USAGE" };

    public static void Apply(ReplayContext context, PgNode statement)
    {
        var isGrant = statement.GetBool("is_grant");
        var grantees = ReplayContext.Roles(statement.List("grantees"));
        var objectType = statement.GetString("objtype");
        var privileges = statement.List("privileges");
        var allInSchema = statement.GetString("targtype") == "ACL_TARGET_ALL_IN_SCHEMA";
        switch (objectType)
        {
            case "OBJECT_TABLE":
                var relations = allInSchema ? RelationsIn(context.Model, statement.List("objects")) : NamedRelations(context, statement.List("objects"));
                var tableGrants = Expand(privileges, TablePrivileges, grantees);
                foreach (var relation in relations)
                {
                    if (context.Model.Table(relation) is { } table)
                    {
                        context.Model = context.Model.SetTable(relation, table with { Grants = Change(table.Grants, tableGrants, isGrant) });
                    }
                    else if (context.Model.View(relation) is { } view)
                    {
                        context.Model = context.Model.SetView(relation, view with { Grants = Change(view.Grants, tableGrants, isGrant) });
                    }
                }

                break;
            case "OBJECT_FUNCTION" or "OBJECT_PROCEDURE" or "OBJECT_ROUTINE":
                var functions = allInSchema ? FunctionsIn(context.Model, statement.List("objects")) : statement.List("objects").SelectMany(o => FunctionDdl.Find(context, o)).ToList();
                var executeGrants = Expand(privileges, FunctionPrivileges, grantees);
                foreach (var function in functions)
                {
                    FunctionDdl.Replace(context, function, function with { Grants = Change(function.Grants, executeGrants, isGrant) });
                }

                break;
            case "OBJECT_SCHEMA":
                var schemaGrants = Expand(privileges, SchemaPrivileges, grantees);
                foreach (var schemaName in statement.List("objects").Select(o => o.StringValue).Where(s => s is not null))
                {
                    var schema = context.Model.Schemas.GetValueOrDefault(schemaName!) ?? new SchemaObjectModel(schemaName!);
                    context.Model = context.Model with { Schemas = context.Model.Schemas.SetItem(schemaName!, schema with { Grants = Change(schema.Grants, schemaGrants, isGrant) }) };
                }

                break;
        }
    }

    /// <summary>The tables, then the views, of each schema of ALL TABLES IN SCHEMA a, b (each schema's name read once).</summary>
    private static List<ObjectName> RelationsIn(SchemaModel model, IEnumerable<PgNode> schemas)
    {
        var relations = new List<ObjectName>();
        foreach (var schemaNode in schemas)
        {
            var schema = schemaNode.StringValue;
            foreach (var (name, _) in model.Tables)
            {
                if (name.Schema == schema)
                {
                    relations.Add(name);
                }
            }

            foreach (var (name, _) in model.Views)
            {
                if (name.Schema == schema)
                {
                    relations.Add(name);
                }
            }
        }

        return relations;
    }

    private static List<ObjectName> NamedRelations(ReplayContext context, IEnumerable<PgNode> rangeVars)
    {
        var relations = new List<ObjectName>();
        foreach (var rangeVar in rangeVars)
        {
            if (context.Relation(rangeVar) is { } relation)
            {
                relations.Add(relation);
            }
        }

        return relations;
    }

    /// <summary>The functions of each schema of ALL FUNCTIONS IN SCHEMA a, b (each schema's name read once).</summary>
    private static List<FunctionModel> FunctionsIn(SchemaModel model, IEnumerable<PgNode> schemas)
    {
        var functions = new List<FunctionModel>();
        foreach (var schemaNode in schemas)
        {
            var schema = schemaNode.StringValue;
            foreach (var (_, function) in model.Functions)
            {
                if (function.Name.Schema == schema)
                {
                    functions.Add(function);
                }
            }
        }

        return functions;
    }

    /// <summary>ALTER DEFAULT PRIVILEGES [IN SCHEMA ...] GRANT|REVOKE ... ON TABLES|FUNCTIONS ... TO|FROM ...</summary>
    public static void ApplyDefaults(ReplayContext context, PgNode statement)
    {
        var action = statement.Child("action");
        var schemas = statement.List("options").Where(o => o.GetString("defname") == "schemas")
            .SelectMany(o => o.Child("arg").List("items").Select(i => i.StringValue)).ToList();
        if (schemas.Count == 0)
        {
            schemas.Add(null);
        }

        var objectType = action.GetString("objtype") switch
        {
            "OBJECT_TABLE" => "TABLE",
            "OBJECT_FUNCTION" or "OBJECT_ROUTINE" or "OBJECT_PROCEDURE" => "FUNCTION",
            "OBJECT_SEQUENCE" => "SEQUENCE",
            "OBJECT_TYPE" => "TYPE",
            _ => "SCHEMA",
        };
        var all = objectType switch { "TABLE" => TablePrivileges, "FUNCTION" => FunctionPrivileges, _ => UsagePrivilege };
        var grants = Expand(action.List("privileges"), all, ReplayContext.Roles(action.List("grantees")));
        var defaults = context.Model.DefaultPrivileges;
        foreach (var schema in schemas)
        {
            foreach (var grant in grants)
            {
                defaults = defaults.RemoveAll(d => d.Schema == schema && d.ObjectType == objectType && d.Grant == grant);
                if (action.GetBool("is_grant"))
                {
                    defaults = defaults.Add(new DefaultPrivilege(schema, objectType, grant));
                }
                else if (objectType == "FUNCTION" && grant == new Grant("public", "EXECUTE"))
                {
                    defaults = defaults.Add(new DefaultPrivilege(schema, objectType, grant, IsRevoke: true));
                }
            }
        }

        context.Model = context.Model with { DefaultPrivileges = defaults };
    }

    /// <summary>The default grants a new table or view receives.</summary>
    public static void ApplyDefaults(ReplayContext context, ObjectName relation, string objectType)
    {
        var grants = context.DefaultGrants(objectType, relation.Schema);
        if (grants.IsEmpty)
        {
            return;
        }

        if (context.Model.Table(relation) is { } table)
        {
            context.Model = context.Model.SetTable(relation, table with { Grants = table.Grants.Union(grants) });
        }
        else if (context.Model.View(relation) is { } view)
        {
            context.Model = context.Model.SetView(relation, view with { Grants = view.Grants.Union(grants) });
        }
    }

    /// <summary>The grants the default privileges give a new object of a type in a schema (see <see cref="ReplayContext.DefaultGrants"/>).</summary>
    internal static ImmutableHashSet<Grant> DefaultGrantsOf(ImmutableList<DefaultPrivilege> defaults, string objectType, string schema)
    {
        var grants = ImmutableHashSet.CreateBuilder<Grant>();
        foreach (var privilege in defaults)
        {
            if (!privilege.IsRevoke && privilege.ObjectType == objectType && (privilege.Schema is null || privilege.Schema == schema))
            {
                grants.Add(privilege.Grant);
            }
        }

        return grants.ToImmutable();
    }

    /// <summary>EXECUTE to PUBLIC (unless a default revoked it), plus default grants on functions.</summary>
    public static ImmutableHashSet<Grant> ForNewFunction(ReplayContext context, string schema)
    {
        var revokedFromPublic = false;
        List<Grant>? granted = null;
        foreach (var privilege in context.Model.DefaultPrivileges)
        {
            if (privilege.ObjectType != "FUNCTION" || !(privilege.Schema is null || privilege.Schema == schema))
            {
                continue;
            }

            if (privilege.IsRevoke)
            {
                revokedFromPublic |= privilege.Schema is null;
            }
            else
            {
                (granted ??= new()).Add(privilege.Grant);
            }
        }

        var grants = revokedFromPublic ? ImmutableHashSet<Grant>.Empty : ImmutableHashSet.Create(new Grant("public", "EXECUTE"));
        return granted is null ? grants : grants.Union(granted);
    }

    private static List<Grant> Expand(PgNodeList privileges, IReadOnlyList<string> all, IReadOnlyList<string> grantees)
    {
        var result = new List<Grant>();
        foreach (var grantee in grantees)
        {
            if (privileges.Count == 0)
            {
                result.AddRange(all.Select(p => new Grant(grantee, p)));
                continue;
            }

            foreach (var privilege in privileges)
            {
                var name = (privilege.GetString("priv_name") ?? "all").ToUpperInvariant();
                var columns = ReplayContext.Strings(privilege.List("cols"));
                var names = name == "ALL" || name == "ALL PRIVILEGES" ? all : new[] { name };
                foreach (var each in names)
                {
                    if (columns.Count == 0)
                    {
                        result.Add(new Grant(grantee, each));
                    }
                    else
                    {
                        result.AddRange(columns.Select(c => new Grant(grantee, each, c)));
                    }
                }
            }
        }

        return result;
    }

    private static ImmutableHashSet<Grant> Change(ImmutableHashSet<Grant> current, IEnumerable<Grant> grants, bool isGrant) =>
        isGrant ? current.Union(grants) : current.Except(grants);
}

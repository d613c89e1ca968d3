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
        var privileges = statement.List("privileges").ToList();
        var allInSchema = statement.GetString("targtype") == "ACL_TARGET_ALL_IN_SCHEMA";
        switch (objectType)
        {
            case "OBJECT_TABLE":
                var relations = allInSchema
                    ? statement.List("objects").SelectMany(s => context.Model.Tables.Keys.Concat(context.Model.Views.Keys).Where(k => k.Schema == s.StringValue)).ToList()
                    : statement.List("objects").Select(context.Relation).Where(r => r is not null).Select(r => r!.Value).ToList();
                var tableGrants = Expand(privileges, TablePrivileges, grantees);
                foreach (var relation in relations)
                {
                    if (context.Model.Table(relation) is { } table)
                    {
                        context.Model = context.Model with { Tables = context.Model.Tables.SetItem(relation, table with { Grants = Change(table.Grants, tableGrants, isGrant) }) };
                    }
                    else if (context.Model.View(relation) is { } view)
                    {
                        context.Model = context.Model with { Views = context.Model.Views.SetItem(relation, view with { Grants = Change(view.Grants, tableGrants, isGrant) }) };
                    }
                }

                break;
            case "OBJECT_FUNCTION" or "OBJECT_PROCEDURE" or "OBJECT_ROUTINE":
                var functions = allInSchema
                    ? statement.List("objects").SelectMany(s => context.Model.Functions.Values.Where(f => f.Name.Schema == s.StringValue)).ToList()
                    : statement.List("objects").SelectMany(o => FunctionDdl.Find(context, o)).ToList();
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
        var grants = Expand(action.List("privileges").ToList(), all, ReplayContext.Roles(action.List("grantees")));
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
        var grants = context.Model.DefaultPrivileges.Where(d => !d.IsRevoke && d.ObjectType == objectType && (d.Schema is null || d.Schema == relation.Schema)).Select(d => d.Grant).ToList();
        if (grants.Count == 0)
        {
            return;
        }

        if (context.Model.Table(relation) is { } table)
        {
            context.Model = context.Model with { Tables = context.Model.Tables.SetItem(relation, table with { Grants = table.Grants.Union(grants) }) };
        }
        else if (context.Model.View(relation) is { } view)
        {
            context.Model = context.Model with { Views = context.Model.Views.SetItem(relation, view with { Grants = view.Grants.Union(grants) }) };
        }
    }

    /// <summary>EXECUTE to PUBLIC (unless a default revoked it), plus default grants on functions.</summary>
    public static ImmutableHashSet<Grant> ForNewFunction(ReplayContext context, string schema)
    {
        var applicable = context.Model.DefaultPrivileges.Where(d => d.ObjectType == "FUNCTION" && (d.Schema is null || d.Schema == schema)).ToList();
        var grants = applicable.Any(d => d.IsRevoke && d.Schema is null)
            ? ImmutableHashSet<Grant>.Empty
            : ImmutableHashSet.Create(new Grant("public", "EXECUTE"));
        return grants.Union(applicable.Where(d => !d.IsRevoke).Select(d => d.Grant));
    }

    private static List<Grant> Expand(List<PgNode> privileges, IReadOnlyList<string> all, IReadOnlyList<string> grantees)
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

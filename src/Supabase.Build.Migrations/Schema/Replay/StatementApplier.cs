using System.Collections.Immutable;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Rules.Embedded;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>
/// Applies one statement to the model: the one switch over statement kinds, each kind handled by its own applier.
/// Statements that change no modelled object (DML, sequences, roles, publications, ...) pass through. A DO block runs
/// when the migration does, so the DDL it holds is applied; the EXECUTE of a computed string cannot be known: SB0004.
/// </summary>
internal static class StatementApplier
{
    private static readonly RuleDescriptor NoRule = SchemaDiagnostics.UnmodeledStatement;

    /// <summary>CREATE SCHEMA, then its elements (a method of its own: the lambda would otherwise be made for every statement).</summary>
    private static void CreateSchema(ReplayContext context, PgNode statement) =>
        ObjectDdl.CreateSchema(context, statement, element => Apply(context, element));

    public static void Apply(ReplayContext context, PgNode statement)
    {
        switch (statement.Kind)
        {
            case "CreateSchemaStmt":
                CreateSchema(context, statement);
                break;
            case "CreateExtensionStmt":
                ObjectDdl.CreateExtension(context, statement);
                break;
            case "CreateStmt":
                TableDdl.Create(context, statement);
                break;
            case "CreateForeignTableStmt":
                TableDdl.Create(context, statement.Child("base"), TableKind.ForeignTable);
                break;
            case "CreateTableAsStmt":
                if (statement.GetString("objtype") == "OBJECT_MATVIEW")
                {
                    ViewDdl.CreateMaterialized(context, statement);
                }
                else
                {
                    TableDdl.CreateAs(context, statement);
                }

                break;
            case "SelectStmt" when statement.Has("intoClause"):
                context.Unmodeled("SELECT ... INTO creates a table whose columns the schema model does not derive; use CREATE TABLE ... AS");
                break;
            case "SelectStmt":
                SetConfig(context, statement);
                break;
            case "AlterTableStmt":
                AlterTableDdl.Apply(context, statement);
                break;
            case "RenameStmt":
                Renames.Apply(context, statement);
                break;
            case "AlterObjectSchemaStmt":
                Renames.SetSchema(context, statement);
                break;
            case "DropStmt":
                Drops.Apply(context, statement);
                break;
            case "CreateEnumStmt":
                TypeDdl.CreateEnum(context, statement);
                break;
            case "AlterEnumStmt":
                TypeDdl.AlterEnum(context, statement);
                break;
            case "CompositeTypeStmt":
                TypeDdl.CreateComposite(context, statement);
                break;
            case "CreateDomainStmt":
                TypeDdl.CreateDomain(context, statement);
                break;
            case "AlterDomainStmt":
                TypeDdl.AlterDomain(context, statement);
                break;
            case "ViewStmt":
                ViewDdl.Create(context, statement);
                break;
            case "IndexStmt":
                ObjectDdl.CreateIndex(context, statement);
                break;
            case "CreateFunctionStmt":
                FunctionDdl.Create(context, statement);
                break;
            case "AlterFunctionStmt":
                FunctionDdl.Alter(context, statement);
                break;
            case "CreatePolicyStmt":
                PolicyDdl.Create(context, statement);
                break;
            case "AlterPolicyStmt":
                PolicyDdl.Alter(context, statement);
                break;
            case "GrantStmt":
                Grants.Apply(context, statement);
                break;
            case "AlterDefaultPrivilegesStmt":
                Grants.ApplyDefaults(context, statement);
                break;
            case "CreateTrigStmt":
                ObjectDdl.CreateTrigger(context, statement);
                break;
            case "CommentStmt":
                ObjectDdl.Comment(context, statement);
                break;
            case "VariableSetStmt" when statement.GetString("name") == "search_path" && !statement.GetBool("is_local"):
                SetSearchPath(context, statement.GetString("kind") == "VAR_SET_VALUE"
                    ? statement.List("args").Select(a => a.Child("sval").GetString("sval") ?? a.StringValue ?? string.Empty)
                    : null);
                break;
            case "DoStmt":
                DoBlock(context, statement);
                break;
            case "CreateTableSpaceStmt" or "CreatedbStmt" or "AlterDatabaseSetStmt":
                break;
        }
    }

    /// <summary>The DDL a DO block runs (conditions are taken as met: it is the body's intent), and SB0004 for dynamic SQL.</summary>
    private static void DoBlock(ReplayContext context, PgNode statement)
    {
        if (context.Migration is null || context.Statement is null)
        {
            return;
        }

        var statementContext = new StatementContext(context.Migration, context.Statement, new FileScope(), context.Parser, NoRule, _ => { });
        var inner = EmbeddedStatements.Of(statementContext, functionBodies: false).Where(e => e.Container == "DO block").ToList();
        foreach (var embedded in inner)
        {
            if (!embedded.Node.Is("DoStmt"))
            {
                Apply(context, embedded.Node);
            }
        }

        if (HasDynamicSql(context, statement))
        {
            context.Unmodeled("this DO block runs dynamic SQL (EXECUTE of a computed string); what it creates or changes is not in the schema model");
        }
    }

    private static bool HasDynamicSql(ReplayContext context, PgNode statement)
    {
        var options = statement.List("args");
        var language = options.FirstOrDefault(o => o.GetString("defname") == "language").Child("arg").StringValue ?? "plpgsql";
        var body = options.FirstOrDefault(o => o.GetString("defname") == "as").Child("arg").StringValue;
        if (body is null || !language.Equals("plpgsql", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!body.Contains("execute", StringComparison.OrdinalIgnoreCase))
        {
            return false; // no EXECUTE statement, so no dynamic SQL: the body need not be parsed
        }

        var tag = "$sbdo$";
        var parsed = context.Parser.ParsePlpgsql("CREATE FUNCTION pg_temp.do_block() RETURNS void LANGUAGE plpgsql AS " + tag + body + tag);
        if (parsed.Error is not null)
        {
            return false;
        }

        foreach (var node in parsed.Functions.SelectMany(f => f.DescendantsAndSelf()))
        {
            if (node.Kind is "PLpgSQL_stmt_dynexecute" or "PLpgSQL_stmt_dynfors" && node.Child("query").GetString("query") is { } query && !IsConstantString(context, query))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsConstantString(ReplayContext context, string expression)
    {
        var parsed = context.Parser.Parse("SELECT " + expression);
        return parsed.Succeeded && parsed.Statements.Count == 1
            && parsed.Statements[0].Node.List("targetList").SingleOrDefault().Child("val").Is("A_Const");
    }

    /// <summary><c>SELECT pg_catalog.set_config('search_path', '...', false)</c>, as pg_dump writes it.</summary>
    private static void SetConfig(ReplayContext context, PgNode select)
    {
        foreach (var target in select.List("targetList"))
        {
            var call = target.Child("val");
            if (!call.Is("FuncCall") || call.List("funcname").LastOrDefault().StringValue != "set_config")
            {
                continue;
            }

            var args = call.List("args");
            if (args.Count == 3 && args[0].Child("sval").GetString("sval") == "search_path" && args[1].Is("A_Const") && !args[2].Child("boolval").GetBool("boolval"))
            {
                SetSearchPath(context, (args[1].Child("sval").GetString("sval") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }
        }
    }

    private static void SetSearchPath(ReplayContext context, IEnumerable<string>? schemas)
    {
        context.SearchPath = schemas is null
            ? ReplayContext.DefaultSearchPath
            : schemas.Select(s => s.Trim('"')).Where(s => s.Length > 0 && s != "$user").ToImmutableList();
    }
}

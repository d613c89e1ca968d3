using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules.Versions;

/// <summary>
/// The schema, privilege and utility side of <see cref="NewerSyntax"/>: ALTER TABLE forms, constraint and column
/// options, view options, GRANT forms and predefined roles, COPY options, settings, publications, triggers. Some of
/// these parse on an older server and fail when it runs them (an unknown view option, role or setting): the push
/// fails all the same.
/// </summary>
internal static class NewerDdl
{
    /// <summary>Predefined roles, by the version that added them: granting one an older server lacks fails.</summary>
    private static readonly Dictionary<string, int> PredefinedRoles = new(StringComparer.Ordinal)
    {
        ["pg_read_all_data"] = 14,
        ["pg_write_all_data"] = 14,
        ["pg_database_owner"] = 14,
        ["pg_checkpoint"] = 15,
        ["pg_create_subscription"] = 16,
        ["pg_use_reserved_connections"] = 16,
        ["pg_maintain"] = 17,
    };

    public static void Check(PgNode node, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        switch (node.Kind)
        {
            case "AlterTableStmt":
                AlterTable(node, at, uses);
                break;
            case "Constraint":
                Constraint(node, at, uses);
                break;
            case "IndexStmt" when node.GetBool("nulls_not_distinct"):
                uses.Add(new("NULLS NOT DISTINCT", 15, at.Words(null, "nulls", "not", "distinct")));
                break;
            case "ColumnDef":
                Column(node, at, uses);
                break;
            case "ViewStmt":
                ViewOptions(node.List("options"), at, uses);
                break;
            case "CreateStmt" when !node.Child("partspec").IsMissing && node.GetString("accessMethod") is not null:
                uses.Add(new("USING <access method> on a partitioned table", 17, at.Words(at.At(node.Child("partspec")), "using"), "leave USING out: the partitions take default_table_access_method"));
                break;
            case "CreateSeqStmt" when node.Child("sequence").GetString("relpersistence") == "u":
                uses.Add(new("CREATE UNLOGGED SEQUENCE", 15, at.Words(null, "unlogged"), "create a logged sequence"));
                break;
            case "CreateStatsStmt" when node.List("defnames").Count == 0:
                uses.Add(new("CREATE STATISTICS without a name", 16, null, "name the statistics object"));
                break;
            case "GrantRoleStmt":
                GrantRole(node, at, uses);
                break;
            case "GrantStmt":
                Grant(node, at, uses);
                break;
            case "AlterDefaultPrivilegesStmt":
                Grant(node.Child("action"), at, uses); // the GRANT inside is an inline struct, not a GrantStmt node
                break;
            case "PublicationObjSpec":
                Publication(node, at, uses);
                break;
            case "CopyStmt":
                CopyOptions(node, at, uses);
                break;
            case "VariableSetStmt" when node.GetString("name") == "transaction_timeout":
                uses.Add(new("the setting transaction_timeout", 17, at.Words(null, "transaction_timeout"), "use statement_timeout (and idle_in_transaction_session_timeout)"));
                break;
            case "CreateEventTrigStmt" when node.GetString("eventname") == "login":
                uses.Add(new("CREATE EVENT TRIGGER ... ON login", 17, at.Words(null, "on", "login")));
                break;
            case "CreateTrigStmt" when node.GetBool("replace"):
                uses.Add(new("CREATE OR REPLACE TRIGGER", 14, at.Words(null, "or", "replace"), "DROP TRIGGER IF EXISTS first, then CREATE TRIGGER"));
                break;
            case "CreateFunctionStmt":
                Function(node, at, uses);
                break;
        }
    }

    private static void AlterTable(PgNode statement, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        var sequence = statement.GetString("objtype") == "OBJECT_SEQUENCE";
        int? from = null; // the commands come in source order: each is looked for after the last one found
        foreach (var command in statement.List("cmds"))
        {
            var subtype = command.GetString("subtype");
            if (subtype is "AT_SetRelOptions" or "AT_ResetRelOptions")
            {
                ViewOptions(command.Child("def").List("items"), at, uses);
                continue;
            }

            NewerSyntaxUse? use = subtype switch
            {
                "AT_SetExpression" => Found(at, ref from, "ALTER COLUMN ... SET EXPRESSION", 17, "drop the generated column and add it again with the new expression", "set", "expression"),
                "AT_SetStatistics" when command.Child("def").IsMissing => StatisticsDefault(at, ref from),
                "AT_SetAccessMethod" when command.GetString("name") is null => Found(at, ref from, "SET ACCESS METHOD DEFAULT", 17, "name the access method: SET ACCESS METHOD heap", "access", "method", "default"),
                "AT_SetAccessMethod" => Found(at, ref from, "ALTER TABLE ... SET ACCESS METHOD", 15, null, "set", "access", "method"),
                "AT_SetStorage" when command.Child("def").StringValue == "default" => Found(at, ref from, "SET STORAGE DEFAULT", 16, "name the storage (e.g. EXTENDED, the default for text and jsonb)", "storage", "default"),
                "AT_SetLogged" or "AT_SetUnLogged" when sequence => Found(at, ref from, "ALTER SEQUENCE ... SET LOGGED / UNLOGGED", 15, null, "set"),
                "AT_SetCompression" => Found(at, ref from, "SET COMPRESSION", 14, null, "compression"),
                "AT_DetachPartition" when command.Child("def").GetBool("concurrent") => Found(at, ref from, "DETACH PARTITION ... CONCURRENTLY", 14, "detach it without CONCURRENTLY", "concurrently"),
                "AT_DetachPartitionFinalize" => Found(at, ref from, "DETACH PARTITION ... FINALIZE", 14, null, "finalize"),
                _ => null,
            };

            if (use is { } found)
            {
                uses.Add(found);
            }
        }
    }

    /// <summary>A use located at the first run of <paramref name="words"/> after the previous command's.</summary>
    private static NewerSyntaxUse Found(SyntaxLocator at, ref int? from, string what, int since, string? instead, params string[] words)
    {
        var range = at.Range(from, words);
        from = range?.End ?? from;
        return new NewerSyntaxUse(what, since, range?.Start, instead);
    }

    /// <summary>SET STATISTICS DEFAULT is SET STATISTICS -1 before 17: the one mechanical rewrite of the lot.</summary>
    private static NewerSyntaxUse StatisticsDefault(SyntaxLocator at, ref int? from)
    {
        var range = at.Range(from, "statistics", "default");
        from = range?.End ?? from;
        var value = range is { } words ? at.Range(words.Start, "default") : null;
        return new NewerSyntaxUse("SET STATISTICS DEFAULT", 17, range?.Start, "write SET STATISTICS -1", value is { } v ? at.Replacement(v, "-1") : null);
    }

    private static void Constraint(PgNode constraint, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        var start = at.At(constraint);
        if (constraint.GetBool("nulls_not_distinct"))
        {
            uses.Add(new("UNIQUE NULLS NOT DISTINCT", 15, at.Words(start, "nulls", "not", "distinct") ?? start));
        }

        if (constraint.List("fk_del_set_cols").Count > 0)
        {
            uses.Add(new("ON DELETE SET NULL / SET DEFAULT with a column list", 15, at.Words(start, "on", "delete") ?? start));
        }
    }

    private static void Column(PgNode column, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        if (column.GetString("storage_name") is not null)
        {
            uses.Add(new("the column option STORAGE", 16, at.Words(at.At(column), "storage"), "set it afterwards: ALTER TABLE ... ALTER COLUMN ... SET STORAGE"));
        }

        if (column.GetString("compression") is not null)
        {
            uses.Add(new("the column option COMPRESSION", 14, at.Words(at.At(column), "compression")));
        }
    }

    /// <summary>security_invoker (CREATE VIEW ... WITH, ALTER VIEW ... SET): PostgreSQL 14 rejects the unknown option.</summary>
    private static void ViewOptions(PgNodeList options, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        foreach (var option in options)
        {
            if (option.GetString("defname") == "security_invoker")
            {
                uses.Add(new("the view option security_invoker", 15, at.At(option)));
            }
        }
    }

    private static void GrantRole(PgNode grant, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        foreach (var role in grant.List("granted_roles"))
        {
            if (role.GetString("priv_name") is { } name && PredefinedRoles.TryGetValue(name, out var since))
            {
                uses.Add(new($"the predefined role {name}", since, at.Words(null, name)));
            }
        }

        foreach (var option in grant.List("opt"))
        {
            var name = option.GetString("defname");
            var location = at.At(option);

            // WITH ADMIN OPTION (and REVOKE ADMIN OPTION FOR) is old; WITH ADMIN TRUE / FALSE is the same tree, so
            // the word after ADMIN decides. Without tokens (a body) it is left alone.
            var admin = name == "admin" && at.HasTokens && grant.GetBool("is_grant") && at.WordAfter(location) != "option";
            if (name is "inherit" or "set" || admin)
            {
                uses.Add(new(
                    grant.GetBool("is_grant") ? $"GRANT ... WITH {name!.ToUpperInvariant()} {(at.WordAfter(location) ?? "TRUE").ToUpperInvariant()}" : $"REVOKE {name!.ToUpperInvariant()} OPTION FOR",
                    16,
                    location,
                    admin ? "write WITH ADMIN OPTION (or leave ADMIN FALSE out)" : null));
            }
        }
    }

    private static void Grant(PgNode grant, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        if (grant.GetString("objtype") == "OBJECT_PARAMETER_ACL")
        {
            uses.Add(new("GRANT ... ON PARAMETER", 15, at.Words(null, "on", "parameter")));
        }

        foreach (var privilege in grant.List("privileges"))
        {
            if (privilege.GetString("priv_name") == "maintain")
            {
                uses.Add(new("the MAINTAIN privilege", 17, at.Words(null, "maintain")));
            }
        }
    }

    private static void Publication(PgNode spec, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        if (spec.GetString("pubobjtype") is "PUBLICATIONOBJ_TABLES_IN_SCHEMA" or "PUBLICATIONOBJ_TABLES_IN_CUR_SCHEMA")
        {
            uses.Add(new("a publication of TABLES IN SCHEMA", 15, at.WordBefore(at.At(spec), "tables") ?? at.At(spec)));
        }

        var table = spec.Child("pubtable");
        var relation = at.At(table.Child("relation"));
        if (table.List("columns").Count > 0)
        {
            uses.Add(new("a publication column list", 15, relation));
        }

        if (!table.Child("whereClause").IsMissing)
        {
            uses.Add(new("a publication row filter (WHERE)", 15, at.Words(relation, "where") ?? relation));
        }
    }

    private static void CopyOptions(PgNode copy, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        foreach (var option in copy.List("options"))
        {
            var arg = option.Child("arg");
            (string What, int Since)? use = option.GetString("defname") switch
            {
                "on_error" => ("ON_ERROR", 17),
                "log_verbosity" => ("LOG_VERBOSITY", 17),
                "force_null" when arg.Is("A_Star") => ("FORCE_NULL *", 17),
                "force_not_null" when arg.Is("A_Star") => ("FORCE_NOT_NULL *", 17),
                "default" => ("DEFAULT", 16),
                "header" when string.Equals(arg.StringValue, "match", StringComparison.OrdinalIgnoreCase) => ("HEADER MATCH", 15),
                _ => null,
            };

            if (use is { } found)
            {
                uses.Add(new($"the COPY option {found.What}", found.Since, at.At(option)));
            }
        }
    }

    private static void Function(PgNode function, SyntaxLocator at, List<NewerSyntaxUse> uses)
    {
        if (!function.Child("sql_body").IsMissing)
        {
            uses.Add(new(
                "a SQL-standard function body (BEGIN ATOMIC or RETURN)",
                14,
                at.Words(null, "begin", "atomic") ?? at.WordBefore(at.At(function.Child("sql_body").Child("returnval")), "return"),
                "write the body as a string: AS $$ ... $$"));
        }

        if (function.GetBool("is_procedure") && function.List("parameters").Any(p => p.GetString("mode") == "FUNC_PARAM_OUT"))
        {
            uses.Add(new("an OUT parameter of a procedure", 14, at.Words(null, "out"), "use INOUT"));
        }
    }
}

using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// Which statements lock or scan a table that already holds data (one not created earlier in the file, not
/// temporary), from PostgreSQL 15's lock levels: shared by the timeout rules (SB1017, SB1037) and the file scope
/// that remembers whether the first such statement was already reported.
/// </summary>
internal static class Locks
{
    /// <summary>ALTER TABLE subcommands that take less than ACCESS EXCLUSIVE (SHARE UPDATE EXCLUSIVE or SHARE ROW EXCLUSIVE).</summary>
    private static readonly HashSet<string> WeakerAlterTableCommands = new(StringComparer.Ordinal)
    {
        "AT_ValidateConstraint", "AT_SetStatistics", "AT_ClusterOn", "AT_DropCluster", "AT_SetOptions", "AT_ResetOptions",
        "AT_SetRelOptions", "AT_ResetRelOptions", "AT_AttachPartition", "AT_EnableTrig", "AT_EnableAlwaysTrig",
        "AT_EnableReplicaTrig", "AT_DisableTrig", "AT_EnableTrigAll", "AT_DisableTrigAll", "AT_EnableTrigUser",
        "AT_DisableTrigUser", "AT_SetCompression",
    };

    /// <summary>
    /// "ALTER TABLE public.t" and the like when the statement takes an ACCESS EXCLUSIVE lock on a table, view or index
    /// of an existing table (blocking its reads and writes, and every query queued behind it); null otherwise.
    /// </summary>
    public static string? AccessExclusiveOnExisting(PgNode node, FileScope scope)
    {
        // Asked for every statement: the cases with lambdas are methods of their own, so a statement of another kind
        // allocates nothing (a lambda here would capture node and scope on every call).
        switch (node.Kind)
        {
            case "AlterTableStmt" when node.GetString("objtype") is "OBJECT_TABLE" or "OBJECT_MATVIEW" or "OBJECT_FOREIGN_TABLE":
                var relation = node.Child("relation");
                return TakesAccessExclusive(node.List("cmds")) && scope.IsExisting(relation) ? $"ALTER TABLE {Sql.RelationName(relation)}" : null;
            case "RenameStmt" when node.GetString("renameType") is "OBJECT_TABLE" or "OBJECT_COLUMN" or "OBJECT_TABCONSTRAINT" or "OBJECT_VIEW" or "OBJECT_MATVIEW"
                                   && node.Child("relation") is { IsMissing: false } renamed && scope.IsExisting(renamed):
                return $"ALTER TABLE {Sql.RelationName(renamed)} RENAME";
            case "DropStmt" when node.GetString("removeType") == "OBJECT_TABLE":
                return DropTableOnExisting(node, scope);
            case "DropStmt" when node.GetString("removeType") == "OBJECT_INDEX" && !node.GetBool("concurrent"):
                return DropIndexOnExisting(node, scope);
            case "DropStmt" when node.GetString("removeType") is "OBJECT_POLICY" or "OBJECT_TRIGGER" or "OBJECT_RULE":
                var onTable = node.List("objects").Select(o => o.List("items").Select(p => p.StringValue).ToList()).FirstOrDefault(p => p.Count >= 2);
                return onTable is not null && onTable[^2] is { } table && !scope.IsCreatedInThisFile(onTable.Count > 2 ? onTable[^3] : null, table) && !scope.IsTemporary(null, table)
                    ? $"DROP {node.GetString("removeType")!["OBJECT_".Length..]} ... ON {table}"
                    : null;
            case "TruncateStmt":
                var truncated = node.List("relations").FirstOrDefault(scope.IsExisting);
                return truncated.IsMissing ? null : $"TRUNCATE {Sql.RelationName(truncated)}";
            case "CreatePolicyStmt" or "AlterPolicyStmt" when node.Child("table") is { IsMissing: false } policyTable && scope.IsExisting(policyTable):
                return $"{(node.Is("CreatePolicyStmt") ? "CREATE" : "ALTER")} POLICY ON {Sql.RelationName(policyTable)}";
            case "RuleStmt" when scope.IsExisting(node.Child("relation")):
                return $"CREATE RULE ON {Sql.RelationName(node.Child("relation"))}";
            case "LockStmt" when node.GetInt("mode") is 0 or 8:
                var locked = node.List("relations").FirstOrDefault(scope.IsExisting);
                return locked.IsMissing ? null : $"LOCK TABLE {Sql.RelationName(locked)}";
            case "VacuumStmt" when IsVacuumFull(node):
                return "VACUUM FULL";
            case "ClusterStmt" when node.Child("relation") is var clustered && (clustered.IsMissing || scope.IsExisting(clustered)):
                return "CLUSTER";
            case "ReindexStmt" when !IsConcurrentReindex(node) && (node.Child("relation").IsMissing || scope.IsExisting(node.Child("relation"))):
                return "REINDEX";
            case "RefreshMatViewStmt" when !node.GetBool("concurrent"):
                return $"REFRESH MATERIALIZED VIEW {Sql.RelationName(node.Child("relation"))}";
            default:
                return null;
        }
    }

    private static bool TakesAccessExclusive(PgNodeList commands) =>
        commands.Any(c => !WeakerAlterTableCommands.Contains(c.GetString("subtype") ?? string.Empty) && !IsForeignKeyOnly(c) && !IsConcurrentDetach(c));

    private static string? DropTableOnExisting(PgNode node, FileScope scope)
    {
        var tables = node.List("objects").Select(QualifiedName.Of)
            .Where(t => t.Name is not null && !scope.IsCreatedInThisFile(t.Schema, t.Name) && !scope.IsTemporary(t.Schema, t.Name)).ToList();
        return tables.Count > 0 ? $"DROP TABLE {tables[0].ToString().Trim('\'')}" : null;
    }

    private static string? DropIndexOnExisting(PgNode node, FileScope scope) =>
        node.List("objects").Select(QualifiedName.Of)
            .Any(i => i.Name is not null && IndexOnExistingTable(i, scope) && !(node.GetBool("missing_ok") && scope.IsConstraintDroppedHere(i.Name)))
            ? "DROP INDEX"
            : null;

    /// <summary>
    /// "ALTER TABLE public.t ... SET NOT NULL" and the like when the statement reads every row of an existing table
    /// while holding a lock that blocks writes (a validated constraint, an index build, a type change, a rewrite);
    /// null otherwise. The online forms (CREATE INDEX / REINDEX CONCURRENTLY, VALIDATE CONSTRAINT) are long by design and
    /// block no one; a timeout would only leave an INVALID index or an unvalidated constraint behind, so they are not counted.
    /// </summary>
    public static string? SlowOnExisting(PgNode node, FileScope scope)
    {
        switch (node.Kind)
        {
            case "AlterTableStmt" when node.GetString("objtype") == "OBJECT_TABLE" && scope.IsExisting(node.Child("relation")):
                var table = Sql.RelationName(node.Child("relation"));
                foreach (var command in node.List("cmds"))
                {
                    var definition = command.Child("def");
                    var slow = command.GetString("subtype") switch
                    {
                        "AT_AlterColumnType" => "ALTER COLUMN ... TYPE",
                        "AT_SetNotNull" => "SET NOT NULL",
                        "AT_AddConstraint" when !definition.GetBool("skip_validation") && definition.GetString("indexname") is null
                                                && definition.GetString("contype") is "CONSTR_CHECK" or "CONSTR_FOREIGN" or "CONSTR_UNIQUE" or "CONSTR_PRIMARY" or "CONSTR_EXCLUSION" => "ADD CONSTRAINT",
                        "AT_AddColumn" when Rewrites(definition) => "ADD COLUMN (rewrite)",
                        _ => null,
                    };
                    if (slow is not null)
                    {
                        return $"ALTER TABLE {table} {slow}";
                    }
                }

                return null;
            case "IndexStmt" when !node.GetBool("concurrent") && scope.IsExisting(node.Child("relation")):
                return $"CREATE INDEX ON {Sql.RelationName(node.Child("relation"))}";
            case "ReindexStmt" when !IsConcurrentReindex(node) && (node.Child("relation").IsMissing || scope.IsExisting(node.Child("relation"))):
                return "REINDEX";
            case "VacuumStmt" when IsVacuumFull(node):
                return "VACUUM FULL";
            case "ClusterStmt" when node.Child("relation") is var clustered && (clustered.IsMissing || scope.IsExisting(clustered)):
                return "CLUSTER";
            case "RefreshMatViewStmt" when !node.GetBool("concurrent"):
                return $"REFRESH MATERIALIZED VIEW {Sql.RelationName(node.Child("relation"))}";
            default:
                return null;
        }
    }

    /// <summary>True when adding this column rewrites the table: a volatile default, a serial, identity or stored generated column.</summary>
    public static bool Rewrites(PgNode columnDef) =>
        Sql.IsSerial(columnDef.Child("typeName"))
        || Sql.HasConstraint(columnDef, "CONSTR_IDENTITY")
        || Sql.HasConstraint(columnDef, "CONSTR_GENERATED")
        || Sql.ColumnConstraints(columnDef, "CONSTR_DEFAULT").Any(d => Sql.VolatileCall(d.Child("raw_expr")) is not null);

    public static bool IsVacuumFull(PgNode vacuum) =>
        vacuum.GetBool("is_vacuumcmd") && vacuum.List("options").Any(o => o.GetString("defname") == "full" && !IsFalse(o.Child("arg")));

    public static bool IsConcurrentReindex(PgNode reindex) =>
        reindex.List("params").Any(p => p.GetString("defname") == "concurrently" && !IsFalse(p.Child("arg")));

    /// <summary>An option's argument that turns it off (<c>FULL false</c>, <c>CONCURRENTLY off</c>).</summary>
    private static bool IsFalse(PgNode argument) =>
        argument.StringValue is "false" or "off" or "0"
        || (argument.Is("Boolean") && !argument.GetBool("boolval"))
        || (argument.Is("Integer") && argument.GetInt("ival") == 0);

    private static bool IsForeignKeyOnly(PgNode command) =>
        command.GetString("subtype") == "AT_AddConstraint" && command.Child("def").GetString("contype") == "CONSTR_FOREIGN";

    private static bool IsConcurrentDetach(PgNode command) =>
        command.GetString("subtype") == "AT_DetachPartition" && command.Child("def").GetBool("concurrent");

    private static bool IndexOnExistingTable(QualifiedName index, FileScope scope) =>
        scope.TableOfIndexCreatedHere(index.Name!) is not { } table
        || (!scope.IsCreatedInThisFile(table.Schema, table.Name) && !scope.IsTemporary(table.Schema, table.Name));
}

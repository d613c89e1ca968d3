using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// A migration that stops half way (a lock timeout, a dropped connection, a statement that cannot run in a
/// transaction) has to be re-run, and a re-run fails at the first CREATE of something that now exists or DROP of
/// something already gone. Flags only statements where PostgreSQL 15 offers IF [NOT] EXISTS; CREATE TYPE, VIEW,
/// FUNCTION, TRIGGER, POLICY and the like have none (or OR REPLACE) and are left alone. Temporary tables, and
/// tables created earlier in the same file, are skipped.
/// </summary>
public sealed class SB1004PreferRobustStatements : IMigrationRule
{
    private const string Rerun = "so the migration cannot be re-run after a partial failure";

    public RuleDescriptor Descriptor { get; } = new(
        "SB1004", "prefer-robust-stmts", DiagnosticSeverity.Warning,
        "Use IF NOT EXISTS / IF EXISTS so a migration can be re-run", SquawkName: "prefer-robust-stmts");

    public void Check(StatementContext context)
    {
        // Inside the file's own BEGIN ... COMMIT a failure rolls everything back, so a re-run starts clean (squawk's issue 385).
        if (context.Scope.InTransactionBlock)
        {
            return;
        }

        var messages = Findings(context.Statement.Node, context.Scope).ToList();
        var fix = messages.Count == 1 ? FixFor(context) : null;
        foreach (var message in messages)
        {
            context.Report(message, fix);
        }
    }

    /// <summary>The IF [NOT] EXISTS insertion for a statement with one finding, where the words to put it after are plain.</summary>
    private static DiagnosticFix? FixFor(StatementContext context)
    {
        var node = context.Statement.Node;
        const string NotExists = " IF NOT EXISTS";
        const string Exists = " IF EXISTS";
        switch (node.Kind)
        {
            case "CreateStmt":
                return Sql.InsertAfter(context, "add IF NOT EXISTS", NotExists, "table");
            case "CreateForeignTableStmt":
                return Sql.InsertAfter(context, "add IF NOT EXISTS", NotExists, "foreign", "table");
            case "CreateTableAsStmt":
                return node.GetString("objtype") == "OBJECT_MATVIEW"
                    ? Sql.InsertAfter(context, "add IF NOT EXISTS", NotExists, "materialized", "view")
                    : Sql.InsertAfter(context, "add IF NOT EXISTS", NotExists, "table");
            case "IndexStmt":
                return node.GetBool("concurrent")
                    ? Sql.InsertAfter(context, "add IF NOT EXISTS", NotExists, "index", "concurrently")
                    : Sql.InsertAfter(context, "add IF NOT EXISTS", NotExists, "index");
            case "CreateSchemaStmt":
                return Sql.InsertAfter(context, "add IF NOT EXISTS", NotExists, "schema");
            case "CreateSeqStmt":
                return Sql.InsertAfter(context, "add IF NOT EXISTS", NotExists, "sequence");
            case "CreateExtensionStmt":
                return Sql.InsertAfter(context, "add IF NOT EXISTS", NotExists, "extension");
            case "AlterEnumStmt":
                return Sql.InsertAfter(context, "add IF NOT EXISTS", NotExists, "add", "value");
            case "DropStmt":
                var words = ("drop " + ObjectKeyword(node.GetString("removeType") ?? string.Empty).ToLowerInvariant() + (node.GetBool("concurrent") ? " concurrently" : ""))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return Sql.InsertAfter(context, "add IF EXISTS", Exists, words);
            case "AlterTableStmt" when node.List("cmds").Count == 1:
                var command = node.List("cmds").First();
                return command.GetString("subtype") switch
                {
                    "AT_AddColumn" when command.Child("def").Location is { } at => new DiagnosticFix("add IF NOT EXISTS", Sql.Insert(context, at, "IF NOT EXISTS ")),
                    "AT_DropColumn" => Sql.InsertAfter(context, "add IF EXISTS", Exists, "drop", "column") ?? Sql.InsertAfter(context, "add IF EXISTS", Exists, "drop"),
                    "AT_DropConstraint" => Sql.InsertAfter(context, "add IF EXISTS", Exists, "drop", "constraint"),
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static IEnumerable<string> Findings(PgNode node, FileScope scope)
    {
        if (node.Is("AlterTableStmt"))
        {
            return AlterTable(node, scope);
        }

        if (node.Is("DropStmt"))
        {
            return Drop(node, scope);
        }

        var message = node.Kind switch
        {
            "CreateStmt" => CreateTable(node, node.Child("relation"), ""),
            "CreateForeignTableStmt" => CreateTable(node.Child("base"), node.Child("base").Child("relation"), "FOREIGN "),
            "CreateTableAsStmt" => CreateTableAs(node),
            "IndexStmt" => CreateIndex(node, scope),
            "CreateSchemaStmt" when !node.GetBool("if_not_exists") && !node.List("schemaElts").Any() =>
                Create("CREATE SCHEMA", node.GetString("schemaname") ?? "AUTHORIZATION " + node.Child("authrole").GetString("rolename")),
            "CreateSeqStmt" when !node.GetBool("if_not_exists") && !scope.IsTemporary(node.Child("sequence")) =>
                Create("CREATE SEQUENCE", RelationName(node.Child("sequence"))),
            "CreateExtensionStmt" when !node.GetBool("if_not_exists") => Create("CREATE EXTENSION", node.GetString("extname")),
            "CreateForeignServerStmt" when !node.GetBool("if_not_exists") => Create("CREATE SERVER", node.GetString("servername")),
            "CreateUserMappingStmt" when !node.GetBool("if_not_exists") =>
                Create("CREATE USER MAPPING", $"FOR {node.Child("user").GetString("rolename") ?? "..."} SERVER {node.GetString("servername")}"),
            "CreateStatsStmt" when !node.GetBool("if_not_exists") => Create("CREATE STATISTICS", DottedName(node.List("defnames"))),
            "DefineStmt" when node.GetString("kind") == "OBJECT_COLLATION" && !node.GetBool("if_not_exists") =>
                Create("CREATE COLLATION", DottedName(node.List("defnames"))),
            "AlterEnumStmt" when node.GetString("newVal") is { } value && node.GetString("oldVal") is null && !node.GetBool("skipIfNewValExists") =>
                $"ALTER TYPE {DottedName(node.List("typeName"))} ADD VALUE fails when the value already exists, {Rerun}; write ALTER TYPE {DottedName(node.List("typeName"))} ADD VALUE IF NOT EXISTS '{value.Replace("'", "''", StringComparison.Ordinal)}'",
            "DropRoleStmt" when !node.GetBool("missing_ok") =>
                Drop("DROP ROLE", string.Join(", ", node.List("roles").Select(role => role.GetString("rolename") ?? "..."))),
            "DropdbStmt" when !node.GetBool("missing_ok") => Drop("DROP DATABASE", node.GetString("dbname")),
            "DropTableSpaceStmt" when !node.GetBool("missing_ok") => Drop("DROP TABLESPACE", node.GetString("tablespacename")),
            "DropSubscriptionStmt" when !node.GetBool("missing_ok") => Drop("DROP SUBSCRIPTION", node.GetString("subname")),
            "DropUserMappingStmt" when !node.GetBool("missing_ok") =>
                Drop("DROP USER MAPPING", $"FOR {node.Child("user").GetString("rolename") ?? "..."} SERVER {node.GetString("servername")}"),
            _ => null,
        };
        return message is null ? Enumerable.Empty<string>() : new[] { message };
    }

    private static string? CreateTable(PgNode create, PgNode table, string foreign) =>
        create.GetBool("if_not_exists") || table.GetString("relpersistence") == "t" || table.GetString("schemaname") == "pg_temp"
            ? null
            : Create($"CREATE {foreign}{(table.GetString("relpersistence") == "u" ? "UNLOGGED " : "")}TABLE", RelationName(table));

    private static string? CreateTableAs(PgNode node)
    {
        var table = node.Child("into").Child("rel");
        if (node.GetBool("if_not_exists") || table.GetString("relpersistence") == "t" || table.GetString("schemaname") == "pg_temp")
        {
            return null;
        }

        return node.GetString("objtype") switch
        {
            "OBJECT_TABLE" => Create("CREATE TABLE", RelationName(table), " AS ..."),
            "OBJECT_MATVIEW" => Create("CREATE MATERIALIZED VIEW", RelationName(table), " AS ..."),
            _ => null,
        };
    }

    private static string? CreateIndex(PgNode index, FileScope scope)
    {
        var table = index.Child("relation");

        // PostgreSQL accepts IF NOT EXISTS only with an index name.
        if (index.GetBool("if_not_exists") || index.GetString("idxname") is not { } name || scope.IsCreatedInThisFile(table) || scope.IsTemporary(table))
        {
            return null;
        }

        var create = "CREATE " + (index.GetBool("unique") ? "UNIQUE " : "") + "INDEX" + (index.GetBool("concurrent") ? " CONCURRENTLY" : "");
        return Create(create, name, $" ON {RelationName(table)} ...");
    }

    private static IEnumerable<string> AlterTable(PgNode node, FileScope scope)
    {
        var table = node.Child("relation");
        var kind = node.GetString("objtype") switch
        {
            "OBJECT_TABLE" => "ALTER TABLE",
            "OBJECT_FOREIGN_TABLE" => "ALTER FOREIGN TABLE",
            _ => null,
        };
        if (kind is null || scope.IsCreatedInThisFile(table) || scope.IsTemporary(table))
        {
            yield break;
        }

        var prefix = $"{kind} {RelationName(table)}";
        foreach (var command in node.List("cmds").Where(c => !c.GetBool("missing_ok")))
        {
            switch (command.GetString("subtype"))
            {
                case "AT_AddColumn":
                    var column = command.Child("def").GetString("colname");
                    yield return $"ADD COLUMN {column} fails when the column already exists, {Rerun}; write {prefix} ADD COLUMN IF NOT EXISTS {column} ...";
                    break;
                case "AT_DropColumn":
                    yield return $"DROP COLUMN {command.GetString("name")} fails when the column is already gone, {Rerun}; write {prefix} DROP COLUMN IF EXISTS {command.GetString("name")}";
                    break;
                case "AT_DropConstraint":
                    yield return $"DROP CONSTRAINT {command.GetString("name")} fails when the constraint is already gone, {Rerun}; write {prefix} DROP CONSTRAINT IF EXISTS {command.GetString("name")}";
                    break;
            }
        }
    }

    private static IEnumerable<string> Drop(PgNode node, FileScope scope)
    {
        var type = node.GetString("removeType") ?? string.Empty;
        var objects = node.List("objects");
        if (node.GetBool("missing_ok")
            || (type == "OBJECT_TABLE" && objects.Select(QualifiedName.Of).All(t => t.Name is not null && (scope.IsCreatedInThisFile(t.Schema, t.Name) || scope.IsTemporary(t.Schema, t.Name)))))
        {
            yield break;
        }

        var names = objects.Select(o => ObjectName(o, type)).ToList();
        var keyword = ObjectKeyword(type) + (node.GetBool("concurrent") ? " CONCURRENTLY" : "");
        yield return Drop("DROP " + keyword, names.Contains(null) ? null : string.Join(", ", names));
    }

    private static string Create(string create, string? name, string rest = "") =>
        $"{create} {name ?? "..."} fails when it already exists, {Rerun}; write {create} IF NOT EXISTS {name ?? "..."}{rest}";

    private static string Drop(string drop, string? name) =>
        $"{drop} {name ?? "..."} fails when it is already gone, {Rerun}; write {drop} IF EXISTS {name ?? "..."}";

    /// <summary>The words after DROP for a removeType, e.g. OBJECT_MATVIEW is MATERIALIZED VIEW.</summary>
    private static string ObjectKeyword(string removeType) => removeType switch
    {
        "OBJECT_MATVIEW" => "MATERIALIZED VIEW",
        "OBJECT_FOREIGN_SERVER" => "SERVER",
        "OBJECT_FDW" => "FOREIGN DATA WRAPPER",
        "OBJECT_STATISTIC_EXT" => "STATISTICS",
        "OBJECT_TSCONFIGURATION" => "TEXT SEARCH CONFIGURATION",
        "OBJECT_TSDICTIONARY" => "TEXT SEARCH DICTIONARY",
        "OBJECT_TSPARSER" => "TEXT SEARCH PARSER",
        "OBJECT_TSTEMPLATE" => "TEXT SEARCH TEMPLATE",
        "OBJECT_OPCLASS" => "OPERATOR CLASS",
        "OBJECT_OPFAMILY" => "OPERATOR FAMILY",
        _ => removeType.Replace("OBJECT_", "", StringComparison.Ordinal).Replace('_', ' '),
    };

    /// <summary>How an object of a DROP is written, when it is a plain name (a function's signature is not rebuilt).</summary>
    private static string? ObjectName(PgNode item, string removeType)
    {
        if (item.StringValue is { } single)
        {
            return single;
        }

        if (item.Is("TypeName"))
        {
            return DottedName(item.List("names"));
        }

        var parts = item.Is("List") ? item.List("items").Select(part => part.StringValue).ToList() : null;
        if (parts is null || parts.Count == 0 || parts.Contains(null))
        {
            return null;
        }

        // DROP TRIGGER / POLICY / RULE name ON table: the parser lists the table's name parts, then the object's name.
        return removeType is "OBJECT_TRIGGER" or "OBJECT_POLICY" or "OBJECT_RULE" && parts.Count > 1
            ? $"{parts[^1]} ON {string.Join(".", parts.Take(parts.Count - 1))}"
            : string.Join(".", parts);
    }

    private static string DottedName(IEnumerable<PgNode> parts) => string.Join(".", parts.Select(part => part.StringValue));

    private static string RelationName(PgNode rangeVar) =>
        rangeVar.GetString("schemaname") is { } schema ? $"{schema}.{rangeVar.GetString("relname")}" : rangeVar.GetString("relname") ?? "...";
}

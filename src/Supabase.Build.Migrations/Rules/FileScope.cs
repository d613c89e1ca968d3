using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// What the statements of a file before the current one did: tables they created (a table created in the same file
/// is new and empty, so locking it or dropping it harms no one) and which of them are temporary, indexes they created
/// (and on which table), constraints they added NOT VALID, whether an explicit transaction block is open, and
/// whether lock_timeout / statement_timeout were set. Names compare case-sensitively as PostgreSQL stores them (the
/// parser has already folded unquoted names); an unqualified name matches the same name in any schema.
/// </summary>
public sealed class FileScope
{
    private readonly HashSet<(string? Schema, string Name)> _createdTables = new();
    private readonly HashSet<string> _createdTableNames = new(StringComparer.Ordinal); // the names of _createdTables, for lookups by name alone
    private readonly HashSet<string> _temporaryTables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? Schema, string Name)> _createdIndexes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Table, string Constraint), string> _notValidConstraints = new();
    private readonly HashSet<string> _createdSchemas = new(StringComparer.Ordinal);
    private readonly HashSet<string> _droppedConstraints = new(StringComparer.Ordinal);
    private bool _localLockTimeout;
    private bool _localStatementTimeout;

    /// <summary>True inside an explicit <c>BEGIN</c> / <c>START TRANSACTION</c> of the file that has not ended yet.</summary>
    public bool InTransactionBlock { get; private set; }

    /// <summary>The byte offset of the <c>BEGIN</c> that opened <see cref="InTransactionBlock"/>.</summary>
    public int TransactionStart { get; private set; } = -1;

    /// <summary>A non-zero <c>lock_timeout</c> was set earlier in the file (SET, SET LOCAL or set_config).</summary>
    public bool LockTimeoutSet { get; private set; }

    /// <summary>A non-zero <c>statement_timeout</c> was set earlier in the file.</summary>
    public bool StatementTimeoutSet { get; private set; }

    /// <summary>True when <paramref name="rangeVar"/> (a RangeVar node) names a table created earlier in this file.</summary>
    public bool IsCreatedInThisFile(PgNode rangeVar) =>
        rangeVar.GetString("relname") is { } name && IsCreatedInThisFile(rangeVar.GetString("schemaname"), name);

    /// <summary>True when the table <paramref name="schema"/>.<paramref name="name"/> was created earlier in this file.</summary>
    public bool IsCreatedInThisFile(string? schema, string name) =>
        _createdTableNames.Contains(name)
        && (schema is null || _createdTables.Contains((schema, name)) || _createdTables.Contains((null, name)));

    /// <summary>True when <paramref name="rangeVar"/> is temporary: declared TEMP here, or created as TEMP earlier in this file.</summary>
    public bool IsTemporary(PgNode rangeVar) =>
        rangeVar.GetString("relpersistence") == "t"
        || (rangeVar.GetString("relname") is { } name && IsTemporary(rangeVar.GetString("schemaname"), name));

    /// <summary>True when the table <paramref name="schema"/>.<paramref name="name"/> is in pg_temp or was created as TEMP earlier in this file.</summary>
    public bool IsTemporary(string? schema, string name) =>
        schema is "pg_temp" || (schema is null && _temporaryTables.Contains(name));

    /// <summary>True for a table that existed before this file (or is unknown to it): not created here, not temporary.</summary>
    public bool IsExisting(PgNode rangeVar) => !rangeVar.IsMissing && !IsCreatedInThisFile(rangeVar) && !IsTemporary(rangeVar);

    /// <summary>The table of an index created earlier in this file, when it was.</summary>
    public (string? Schema, string Name)? TableOfIndexCreatedHere(string indexName) =>
        _createdIndexes.TryGetValue(indexName, out var table) ? table : null;

    /// <summary>
    /// The kind (<c>CONSTR_FOREIGN</c>, <c>CONSTR_CHECK</c>) of constraint <paramref name="constraint"/> when it was added
    /// NOT VALID to table <paramref name="table"/> earlier in this file; null otherwise.
    /// </summary>
    public string? AddedNotValidHere(string table, string constraint) => _notValidConstraints.GetValueOrDefault((table, constraint));

    /// <summary>
    /// True when a constraint of that name was dropped earlier in this file: a primary key or unique constraint takes
    /// its index (of the same name) with it, so a later DROP INDEX IF EXISTS of that name does nothing.
    /// </summary>
    public bool IsConstraintDroppedHere(string name) => _droppedConstraints.Contains(name);

    /// <summary>True when the schema was created earlier in this file.</summary>
    public bool IsSchemaCreatedHere(string schema) => _createdSchemas.Contains(schema);

    /// <summary>An earlier statement took an ACCESS EXCLUSIVE lock on an existing table with no lock_timeout set (SB1017 reported it there).</summary>
    public bool UnprotectedLockSeen { get; private set; }

    /// <summary>An earlier statement scanned or rewrote an existing table with no statement_timeout set (SB1037 reported it there).</summary>
    public bool UnprotectedSlowStatementSeen { get; private set; }

    /// <summary>Records what a statement creates or sets; called by the linter after the rules have seen it.</summary>
    internal void Apply(MigrationStatement statement) => Apply(statement.Node, statement.Location);

    /// <summary>A copy of this scope with what <paramref name="statement"/> creates added (for statements inside a body).</summary>
    internal FileScope After(PgNode statement)
    {
        var next = new FileScope();
        next._createdTables.UnionWith(_createdTables);
        next._createdTableNames.UnionWith(_createdTableNames);
        next._temporaryTables.UnionWith(_temporaryTables);
        foreach (var (index, table) in _createdIndexes)
        {
            next._createdIndexes[index] = table;
        }

        foreach (var (key, kind) in _notValidConstraints)
        {
            next._notValidConstraints[key] = kind;
        }

        next._createdSchemas.UnionWith(_createdSchemas);
        next._droppedConstraints.UnionWith(_droppedConstraints);
        next.UnprotectedLockSeen = UnprotectedLockSeen;
        next.UnprotectedSlowStatementSeen = UnprotectedSlowStatementSeen;
        next.InTransactionBlock = InTransactionBlock;
        next.TransactionStart = TransactionStart;
        next.LockTimeoutSet = LockTimeoutSet;
        next.StatementTimeoutSet = StatementTimeoutSet;
        next._localLockTimeout = _localLockTimeout;
        next._localStatementTimeout = _localStatementTimeout;
        next.Apply(statement, -1);
        return next;
    }

    private void Apply(PgNode node, int location)
    {
        UnprotectedLockSeen |= !LockTimeoutSet && Locks.AccessExclusiveOnExisting(node, this) is not null;
        UnprotectedSlowStatementSeen |= !StatementTimeoutSet && Locks.SlowOnExisting(node, this) is not null;
        switch (node.Kind)
        {
            case "TransactionStmt":
                ApplyTransaction(node.GetString("kind"), location);
                return;
            case "VariableSetStmt":
                ApplySetting(node);
                return;
            case "SelectStmt":
                ApplySetConfig(node);
                break;
            case "IndexStmt" when node.GetString("idxname") is { } index && node.Child("relation").GetString("relname") is { } indexed:
                _createdIndexes[index] = (node.Child("relation").GetString("schemaname"), indexed);
                return;
            case "AlterTableStmt":
                ApplyAlterTable(node);
                return;
            case "CreateSchemaStmt" when node.GetString("schemaname") is { } createdSchema:
                _createdSchemas.Add(createdSchema);
                return;
        }

        var relation = node.Kind switch
        {
            "CreateStmt" => node.Child("relation"),
            "CreateTableAsStmt" => node.Child("into").Child("rel"),
            "SelectStmt" => node.Child("intoClause").Child("rel"),
            _ => default,
        };
        if (relation.IsMissing || relation.GetString("relname") is not { } name)
        {
            return;
        }

        var schema = relation.GetString("schemaname");
        _createdTables.Add((schema, name));
        _createdTableNames.Add(name);
        if (relation.GetString("relpersistence") == "t" || schema == "pg_temp")
        {
            _temporaryTables.Add(name);
        }
    }

    private void ApplyTransaction(string? kind, int location)
    {
        switch (kind)
        {
            case "TRANS_STMT_BEGIN" or "TRANS_STMT_START":
                InTransactionBlock = true;
                TransactionStart = location;
                break;
            case "TRANS_STMT_COMMIT" or "TRANS_STMT_ROLLBACK" or "TRANS_STMT_PREPARE" or "TRANS_STMT_COMMIT_PREPARED" or "TRANS_STMT_ROLLBACK_PREPARED":
                if (InTransactionBlock)
                {
                    // SET LOCAL ends with the transaction block it was made in.
                    LockTimeoutSet &= !_localLockTimeout;
                    StatementTimeoutSet &= !_localStatementTimeout;
                    _localLockTimeout = _localStatementTimeout = false;
                }

                InTransactionBlock = false;
                TransactionStart = -1;
                break;
        }
    }

    private void ApplySetting(PgNode set)
    {
        var name = set.GetString("name");
        if (name is not ("lock_timeout" or "statement_timeout"))
        {
            return;
        }

        var value = set.GetString("kind") switch
        {
            "VAR_SET_VALUE" => !IsZero(set.List("args").FirstOrDefault()),
            _ => false, // RESET, SET ... TO DEFAULT: back to the server's setting
        };
        var local = set.GetBool("is_local") && InTransactionBlock;
        Record(name, value, local);
    }

    /// <summary><c>SELECT set_config('lock_timeout', '5s', false)</c>, the function form of SET.</summary>
    private void ApplySetConfig(PgNode select)
    {
        foreach (var target in select.List("targetList"))
        {
            var call = target.Child("val");
            if (!call.Is("FuncCall") || call.List("funcname").LastOrDefault().StringValue != "set_config")
            {
                continue;
            }

            var args = call.List("args");
            if (args.Count == 3 && ConstantString(args[0]) is "lock_timeout" or "statement_timeout")
            {
                var local = args[2].Child("boolval").GetBool("boolval") && InTransactionBlock;
                Record(ConstantString(args[0])!, !IsZero(args[1]), local);
            }
        }
    }

    private void Record(string name, bool value, bool local)
    {
        if (name == "lock_timeout")
        {
            LockTimeoutSet = value;
            _localLockTimeout = value && local;
        }
        else
        {
            StatementTimeoutSet = value;
            _localStatementTimeout = value && local;
        }
    }

    private void ApplyAlterTable(PgNode alter)
    {
        var table = alter.Child("relation").GetString("relname");
        if (table is null)
        {
            return;
        }

        foreach (var command in alter.List("cmds"))
        {
            if (command.GetString("subtype") == "AT_DropConstraint" && command.GetString("name") is { } dropped)
            {
                _droppedConstraints.Add(dropped);
            }

            var constraint = command.Child("def");
            if (command.GetString("subtype") == "AT_AddConstraint" && constraint.Is("Constraint") && constraint.GetBool("skip_validation")
                && constraint.GetString("conname") is { } name)
            {
                _notValidConstraints[(table, name)] = constraint.GetString("contype") ?? string.Empty;
            }
        }
    }

    /// <summary>True for a constant 0 (or '0', '0s', ...): PostgreSQL's "no timeout".</summary>
    private static bool IsZero(PgNode value)
    {
        if (value.Is("A_Const"))
        {
            if (value.Child("ival") is { IsMissing: false } integer)
            {
                return integer.GetInt("ival") == 0;
            }

            var text = value.Child("sval").GetString("sval");
            return text is not null && text.TrimStart('0').Length == 0 || text is "0s" or "0ms" or "0min";
        }

        return value.IsMissing;
    }

    private static string? ConstantString(PgNode value)
    {
        if (value.Is("TypeCast"))
        {
            value = value.Child("arg");
        }

        return value.Is("A_Const") ? value.Child("sval").GetString("sval") : null;
    }
}

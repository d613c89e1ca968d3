using System.Collections.Immutable;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>ALTER TABLE subcommands, and the constraints of CREATE TABLE (inline and table-level).</summary>
internal static class AlterTableDdl
{
    public static void Apply(ReplayContext context, PgNode statement)
    {
        var objectType = statement.GetString("objtype");
        if (objectType == "OBJECT_TYPE")
        {
            TypeDdl.AlterComposite(context, statement);
            return;
        }

        if (context.Relation(statement.Child("relation")) is not { } name)
        {
            return; // a table the history does not know (the platform's, or created outside the migrations)
        }

        foreach (var command in statement.List("cmds"))
        {
            ApplyCommand(context, name, command);
        }
    }

    private static void ApplyCommand(ReplayContext context, ObjectName name, PgNode command)
    {
        var column = command.GetString("name");
        var definition = command.Child("def");
        switch (command.GetString("subtype"))
        {
            case "AT_AddColumn":
            case "AT_AddColumnToView":
                TableDdl.AddColumn(context, name, definition, command.GetBool("missing_ok"));
                break;
            case "AT_DropColumn" when column is not null:
                Drops.DropColumn(context, name, column);
                break;
            case "AT_AlterColumnType" when column is not null:
                var type = context.Type(definition.Child("typeName"));
                UpdateColumn(context, name, column, c => c with { Type = type, IsSerial = false });
                break;
            case "AT_SetNotNull" when column is not null:
                UpdateColumn(context, name, column, c => c with { NotNull = true });
                break;
            case "AT_DropNotNull" when column is not null:
                UpdateColumn(context, name, column, c => c with { NotNull = false });
                break;
            case "AT_ColumnDefault" when column is not null:
                UpdateColumn(context, name, column, c => c with { Default = DefaultOf(definition), IsSerial = !definition.IsMissing && c.IsSerial });
                break;
            case "AT_AddIdentity" when column is not null:
                UpdateColumn(context, name, column, c => c with { Identity = Identity(definition), NotNull = true });
                break;
            case "AT_SetIdentity" when column is not null:
                var generated = definition.List("items").FirstOrDefault(o => o.GetString("defname") == "generated");
                if (!generated.IsMissing)
                {
                    var always = generated.Child("arg").GetInt("ival") == 'a';
                    UpdateColumn(context, name, column, c => c with { Identity = always ? IdentityKind.Always : IdentityKind.ByDefault });
                }

                break;
            case "AT_DropIdentity" when column is not null:
                UpdateColumn(context, name, column, c => c with { Identity = IdentityKind.None });
                break;
            case "AT_DropExpression" when column is not null:
                UpdateColumn(context, name, column, c => c with { IsGenerated = false, Default = null });
                break;
            case "AT_AddConstraint":
                AddConstraint(context, name, definition, null);
                break;
            case "AT_DropConstraint" when column is not null:
                Drops.DropConstraint(context, name, column);
                break;
            case "AT_ValidateConstraint" when column is not null:
                UpdateTable(context, name, t => t with
                {
                    Constraints = t.Constraints.Select(c => c.Name == column ? c with { IsValidated = true } : c).ToImmutableList(),
                });
                break;
            case "AT_EnableRowSecurity":
                UpdateTable(context, name, t => t with { RowLevelSecurity = true });
                break;
            case "AT_DisableRowSecurity":
                UpdateTable(context, name, t => t with { RowLevelSecurity = false });
                break;
            case "AT_ForceRowSecurity":
                UpdateTable(context, name, t => t with { ForceRowLevelSecurity = true });
                break;
            case "AT_NoForceRowSecurity":
                UpdateTable(context, name, t => t with { ForceRowLevelSecurity = false });
                break;
            case "AT_SetRelOptions" or "AT_ResetRelOptions" when context.Model.View(name) is { } view:
                var options = view.Options;
                foreach (var option in definition.List("items"))
                {
                    var key = option.GetString("defname");
                    if (key is null)
                    {
                        continue;
                    }

                    options = command.GetString("subtype") == "AT_SetRelOptions" ? options.SetItem(key, ViewDdl.OptionValue(option)) : options.Remove(key);
                }

                context.Model = context.Model.SetView(name, view with { Options = options });
                break;
        }
    }

    /// <summary>A column constraint: NOT NULL, NULL, DEFAULT, identity, generated, and the inline PK/UNIQUE/FK/CHECK.</summary>
    public static void AddColumnConstraint(ReplayContext context, ObjectName table, string column, PgNode constraint)
    {
        switch (constraint.GetString("contype"))
        {
            case "CONSTR_NOTNULL":
                UpdateColumn(context, table, column, c => c with { NotNull = true });
                break;
            case "CONSTR_NULL":
                UpdateColumn(context, table, column, c => c with { NotNull = false });
                break;
            case "CONSTR_DEFAULT":
                UpdateColumn(context, table, column, c => c with { Default = DefaultOf(constraint.Child("raw_expr")) });
                break;
            case "CONSTR_IDENTITY":
                UpdateColumn(context, table, column, c => c with { Identity = Identity(constraint), NotNull = true });
                break;
            case "CONSTR_GENERATED":
                UpdateColumn(context, table, column, c => c with { IsGenerated = true, Default = new SqlExpression(constraint.Child("raw_expr")) });
                break;
            default:
                AddConstraint(context, table, constraint, column);
                break;
        }
    }

    /// <summary>A PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or EXCLUDE constraint, named as PostgreSQL names it when unnamed.</summary>
    public static void AddConstraint(ReplayContext context, ObjectName tableName, PgNode constraint, string? column)
    {
        if (context.Model.Table(tableName) is not { } table)
        {
            return;
        }

        var kind = constraint.GetString("contype") switch
        {
            "CONSTR_PRIMARY" => ConstraintKind.PrimaryKey,
            "CONSTR_UNIQUE" => ConstraintKind.Unique,
            "CONSTR_FOREIGN" => ConstraintKind.ForeignKey,
            "CONSTR_CHECK" => ConstraintKind.Check,
            "CONSTR_EXCLUSION" => ConstraintKind.Exclusion,
            _ => (ConstraintKind?)null,
        };
        if (kind is null)
        {
            return;
        }

        var indexName = constraint.GetString("indexname");
        var columns = kind == ConstraintKind.ForeignKey
            ? ReplayContext.Strings(constraint.List("fk_attrs"))
            : ReplayContext.Strings(constraint.List("keys"));
        if (kind == ConstraintKind.Exclusion)
        {
            columns = constraint.List("exclusions").Select(e => e.List("items").FirstOrDefault().GetString("name") ?? string.Empty).Where(n => n.Length > 0).ToList();
        }

        if (columns.Count == 0 && column is not null && kind != ConstraintKind.Check)
        {
            columns = new List<string> { column };
        }

        if (columns.Count == 0 && indexName is not null && context.Model.Indexes.TryGetValue(new ObjectName(tableName.Schema, indexName), out var usingIndex))
        {
            columns = usingIndex.Columns.Where(c => c is not null).Select(c => c!).ToList();
        }

        var name = constraint.GetString("conname") ?? DefaultName(context, table, kind.Value, columns, column, constraint);
        ForeignKeyTarget? target = null;
        if (kind == ConstraintKind.ForeignKey)
        {
            var referenced = constraint.Child("pktable");
            var referencedName = context.Relation(referenced)
                ?? new ObjectName(referenced.GetString("schemaname") ?? context.CreationSchema, referenced.GetString("relname") ?? string.Empty);
            var referencedColumns = ReplayContext.Strings(constraint.List("pk_attrs"));
            if (referencedColumns.Count == 0)
            {
                var keyOwner = referencedName == tableName ? table : context.Model.Table(referencedName);
                referencedColumns = keyOwner?.PrimaryKey?.Columns.ToList() ?? new List<string>();
            }

            target = new ForeignKeyTarget(
                referencedName,
                referencedColumns.ToImmutableList(),
                Action(constraint.GetString("fk_del_action")),
                Action(constraint.GetString("fk_upd_action")));
        }

        var expression = constraint.Child("raw_expr") is { IsMissing: false } raw ? new SqlExpression(raw) : null;
        var model = new ConstraintModel(
            name,
            kind.Value,
            columns.ToImmutableList(),
            IsValidated: !constraint.GetBool("skip_validation"),
            References: target,
            Expression: expression,
            IndexName: kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclusion ? indexName ?? name : null,
            Source: context.Source);
        table = table with { Constraints = table.Constraints.RemoveAll(c => c.Name == name).Add(model) };
        if (kind == ConstraintKind.PrimaryKey)
        {
            foreach (var key in columns)
            {
                table = table.WithColumn(key, c => c with { NotNull = true });
            }
        }

        context.Model = context.Model.SetTable(tableName, table);
        if (kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclusion)
        {
            var indexKey = new ObjectName(tableName.Schema, indexName ?? name);
            var index = context.Model.Indexes.TryGetValue(indexKey, out var existing)
                ? existing with { ConstraintName = name, IsPrimary = kind == ConstraintKind.PrimaryKey, IsUnique = kind != ConstraintKind.Exclusion }
                : new IndexModel(indexKey, tableName, columns.Select(c => (string?)c).ToImmutableList(), kind != ConstraintKind.Exclusion, kind == ConstraintKind.PrimaryKey, kind == ConstraintKind.Exclusion ? constraint.GetString("access_method") ?? "gist" : "btree", ConstraintName: name, Source: context.Source);
            if (indexName is not null && indexName != name)
            {
                // ADD CONSTRAINT name ... USING INDEX idx renames the index to the constraint's name.
                context.Model = context.Model.RemoveIndex(indexKey);
                index = index with { Name = new ObjectName(tableName.Schema, name) };
            }

            context.Model = context.Model.SetIndex(index.Name, index);
        }
    }

    private static string DefaultName(ReplayContext context, TableModel table, ConstraintKind kind, IReadOnlyList<string> columns, string? column, PgNode constraint)
    {
        bool Taken(string candidate) =>
            HasConstraintNamed(table, candidate) || context.Model.Indexes.ContainsKey(new ObjectName(table.Name.Schema, candidate)) || context.Model.HasRelation(new ObjectName(table.Name.Schema, candidate));

        switch (kind)
        {
            case ConstraintKind.PrimaryKey:
                return ConstraintNames.Choose(table.Name.Name, null, "pkey", Taken);
            case ConstraintKind.Unique:
                return ConstraintNames.Choose(table.Name.Name, string.Join("_", columns), "key", Taken);
            case ConstraintKind.Exclusion:
                return ConstraintNames.Choose(table.Name.Name, string.Join("_", columns), "excl", Taken);
            case ConstraintKind.ForeignKey:
                return ConstraintNames.Choose(table.Name.Name, string.Join("_", columns), "fkey", Taken);
            default:
                // A CHECK is named after its column when its expression reads exactly one column.
                var referenced = column is not null
                    ? new List<string> { column }
                    : constraint.Child("raw_expr").DescendantsAndSelf().Where(n => n.Is("ColumnRef"))
                        .Select(n => n.List("fields").LastOrDefault().StringValue).Where(n => n is not null).Distinct().ToList()!;
                return ConstraintNames.Choose(table.Name.Name, referenced.Count == 1 ? referenced[0] : null, "check", n => HasConstraintNamed(table, n));
        }
    }

    private static bool HasConstraintNamed(TableModel table, string name)
    {
        foreach (var constraint in table.Constraints)
        {
            if (constraint.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A column default; DEFAULT NULL (also cast) is no default at all, as the catalog stores it.</summary>
    public static SqlExpression? DefaultOf(PgNode expression)
    {
        var value = expression;
        while (value.Is("TypeCast"))
        {
            value = value.Child("arg");
        }

        return expression.IsMissing || (value.Is("A_Const") && value.GetBool("isnull")) ? null : new SqlExpression(expression);
    }

    private static IdentityKind Identity(PgNode constraint) =>
        constraint.GetString("generated_when") == "a" ? IdentityKind.Always : IdentityKind.ByDefault;

    private static char Action(string? action) => string.IsNullOrEmpty(action) ? 'a' : action[0];

    public static void UpdateColumn(ReplayContext context, ObjectName tableName, string column, Func<ColumnModel, ColumnModel> change)
    {
        if (context.Model.Table(tableName) is { } table)
        {
            context.Model = context.Model.SetTable(tableName, table.WithColumn(column, change));
        }
        else if (context.Model.View(tableName) is { } view)
        {
            context.Model = context.Model.SetView(tableName, view.WithColumn(column, change));
        }
    }

    public static void UpdateTable(ReplayContext context, ObjectName tableName, Func<TableModel, TableModel> change)
    {
        if (context.Model.Table(tableName) is { } table)
        {
            context.Model = context.Model.SetTable(tableName, change(table));
        }
    }
}

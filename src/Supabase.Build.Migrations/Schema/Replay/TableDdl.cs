using System.Collections.Immutable;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>CREATE TABLE (columns, inline and table constraints, LIKE, INHERITS, PARTITION OF, temporary) and CREATE TABLE AS.</summary>
internal static class TableDdl
{
    private const int LikeComments = 1 << 0;
    private const int LikeConstraints = 1 << 2;
    private const int LikeDefaults = 1 << 3;
    private const int LikeGenerated = 1 << 4;
    private const int LikeIdentity = 1 << 5;
    private const int LikeIndexes = 1 << 6;

    public static void Create(ReplayContext context, PgNode statement, TableKind kind = TableKind.Table)
    {
        var relation = statement.Child("relation");
        var name = context.NameToCreate(relation);
        if (context.Model.HasRelation(name))
        {
            return; // IF NOT EXISTS on an existing table (or a history that never ran as written): the table stays as it was
        }

        if (statement.Has("partspec") && kind == TableKind.Table)
        {
            kind = TableKind.PartitionedTable;
        }

        var table = new TableModel(
            name,
            ImmutableList<ColumnModel>.Empty,
            ImmutableList<ConstraintModel>.Empty,
            kind,
            IsTemporary: relation.GetString("relpersistence") == "t" || name.Schema == "pg_temp",
            Source: context.Source);

        // Parents first: INHERITS and PARTITION OF take the parent's columns (and NOT NULL, defaults, CHECKs).
        foreach (var parent in statement.List("inhRelations"))
        {
            if (context.Relation(parent) is { } parentName && context.Model.Table(parentName) is { } parentTable)
            {
                table = table with
                {
                    Columns = table.Columns.AddRange(parentTable.Columns.Where(c => table.Column(c.Name) is null)),
                    Constraints = table.Constraints.AddRange(parentTable.Constraints.Where(c => c.Kind == ConstraintKind.Check)),
                };
            }
            else
            {
                context.Unmodeled($"the parent table '{parent.GetString("relname")}' of {name} is not known to the migrations; its inherited columns are not modelled", parent);
            }
        }

        if (statement.Child("ofTypename") is { IsMissing: false } ofType)
        {
            var type = context.Type(ofType);
            if (context.Model.CompositeTypes.TryGetValue(type.Name, out var composite))
            {
                table = table with { Columns = table.Columns.AddRange(composite.Attributes) };
            }
        }

        context.Model = context.Model.SetTable(name, table);

        foreach (var element in statement.List("tableElts"))
        {
            switch (element.Kind)
            {
                case "ColumnDef":
                    AddColumn(context, name, element, ifNotExists: false);
                    break;
                case "Constraint":
                    AlterTableDdl.AddConstraint(context, name, element, null);
                    break;
                case "TableLikeClause":
                    Like(context, name, element);
                    break;
            }
        }

        Grants.ApplyDefaults(context, name, "TABLE");
    }

    /// <summary>A column of CREATE TABLE or ALTER TABLE ... ADD COLUMN, with its inline constraints.</summary>
    public static void AddColumn(ReplayContext context, ObjectName tableName, PgNode columnDef, bool ifNotExists)
    {
        if (context.Model.Table(tableName) is not { } table)
        {
            return;
        }

        var columnName = columnDef.GetString("colname") ?? string.Empty;
        if (table.Column(columnName) is not null)
        {
            return; // ADD COLUMN IF NOT EXISTS on an existing column
        }

        var typeName = columnDef.Child("typeName");
        var declared = ReplayContext.Strings(typeName.List("names"));
        var isSerial = declared.Count == 1 && BuiltInTypes.IsSerial(declared[0]) && !typeName.List("arrayBounds").Any();
        var column = new ColumnModel(columnName, context.Type(typeName), NotNull: isSerial, IsSerial: isSerial);
        if (columnDef.Child("raw_default") is { IsMissing: false } rawDefault)
        {
            column = column with { Default = AlterTableDdl.DefaultOf(rawDefault) };
        }

        table = table with { Columns = table.Columns.Add(column) };
        context.Model = context.Model.SetTable(tableName, table);
        foreach (var constraint in columnDef.List("constraints"))
        {
            AlterTableDdl.AddColumnConstraint(context, tableName, columnName, constraint);
        }
    }

    /// <summary>CREATE TABLE ... (LIKE source INCLUDING ...): columns with NOT NULL, and what the options include.</summary>
    private static void Like(ReplayContext context, ObjectName target, PgNode like)
    {
        var sourceName = context.Relation(like.Child("relation"));
        var columns = sourceName is { } s ? context.Model.ColumnsOf(s) : null;
        if (columns is null)
        {
            context.Unmodeled($"LIKE '{like.Child("relation").GetString("relname")}': the table is not known to the migrations; the columns it copies are not modelled", like.Child("relation"));
            return;
        }

        var options = like.GetInt("options");
        var copied = columns.Select(c => c with
        {
            Default = (options & LikeDefaults) != 0 ? c.Default : null,
            IsSerial = (options & LikeDefaults) != 0 && c.IsSerial,
            Identity = (options & LikeIdentity) != 0 ? c.Identity : IdentityKind.None,
            IsGenerated = (options & LikeGenerated) != 0 && c.IsGenerated,
            Comment = (options & LikeComments) != 0 ? c.Comment : null,
        });
        var table = context.Model.Table(target)!;
        table = table with { Columns = table.Columns.AddRange(copied.Where(c => table.Column(c.Name) is null)) };
        if (context.Model.Table(sourceName!.Value) is { } sourceTable)
        {
            var keep = sourceTable.Constraints.Where(c =>
                ((options & LikeConstraints) != 0 && c.Kind == ConstraintKind.Check)
                || ((options & LikeIndexes) != 0 && c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclusion));
            foreach (var constraint in keep)
            {
                var label = constraint.Kind switch { ConstraintKind.PrimaryKey => "pkey", ConstraintKind.Unique => "key", ConstraintKind.Exclusion => "excl", _ => "check" };
                var renamed = ConstraintNames.Choose(target.Name, constraint.Kind == ConstraintKind.PrimaryKey ? null : string.Join("_", constraint.Columns), label, n => table.Constraints.Any(c => c.Name == n));
                table = table with { Constraints = table.Constraints.Add(constraint with { Name = renamed, Source = context.Source }) };
            }
        }

        context.Model = context.Model.SetTable(target, table);
    }

    /// <summary>CREATE TABLE ... AS query: the columns of the query, typed as a view's are.</summary>
    public static void CreateAs(ReplayContext context, PgNode statement)
    {
        var into = statement.Child("into");
        var name = context.NameToCreate(into.Child("rel"));
        if (context.Model.HasRelation(name))
        {
            return;
        }

        var aliases = ReplayContext.Strings(into.List("colNames"));
        var derived = ViewColumns.Derive(context, statement.Child("query"), aliases);
        var columns = derived.Columns.Select(c => c.Type.IsResolved ? c : c with { Type = TypeRef.BuiltIn("text") }).ToImmutableList();
        var table = new TableModel(name, columns, ImmutableList<ConstraintModel>.Empty, IsTemporary: into.Child("rel").GetString("relpersistence") == "t", Source: context.Source);
        context.Model = context.Model.SetTable(name, table);
        Grants.ApplyDefaults(context, name, "TABLE");
        foreach (var column in derived.Columns.Where(c => !c.Type.IsResolved))
        {
            context.Report(SchemaDiagnostics.ViewColumnTypeNotDerivable, $"the type of column '{column.Name}' of table {name} (CREATE TABLE AS) cannot be derived from its query; it is modelled as text");
        }
    }
}

using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.CodeGen;

/// <summary>Row, Insert and Update records of a table; the Row record of a view.</summary>
internal static class TableEmitter
{
    public static void Table(CodeWriter writer, TableModel table, string name, CSharpTypeMapper mapper, List<string> notes)
    {
        var names = MemberNames.For(table.Columns, name + "Row", name + "Insert", name + "Update");
        var what = table.Kind == TableKind.ForeignTable ? "foreign table" : "table";
        var summary = $"A row of {what} {CodeWriter.Code(table.Name.ToString())}.";
        var comment = table.Comment is null ? null : CodeWriter.Xml(table.Comment);

        Record(writer, table.Name, name + "Row", Summary(summary, comment), "Every column, as a select returns it.", table.Columns, names, mapper, notes, table,
            (column, type) => (Nullable(table, column) ? type.Nullable : type.Name, !Nullable(table, column)));

        writer.Line();
        var insertable = table.Columns.Select((c, i) => (c, i)).Where(p => !p.c.IsGenerated && p.c.Identity != IdentityKind.Always).ToList();
        Record(writer, table.Name, name + "Insert", Summary($"A new row for {what} {CodeWriter.Code(table.Name.ToString())}.", comment),
            "Columns with a default, an identity or NULL allowed may be left out (null); generated columns and GENERATED ALWAYS identities are not written.",
            insertable.Select(p => p.c).ToList(), insertable.Select(p => names[p.i]).ToList(), mapper, notes, table,
            (column, type) => Nullable(table, column) || column.HasDefault ? (type.Nullable, false) : (type.Name, true));

        writer.Line();
        Record(writer, table.Name, name + "Update", Summary($"Changes to a row of {what} {CodeWriter.Code(table.Name.ToString())}.", comment),
            "Every column is optional: null leaves it unchanged. Generated columns and GENERATED ALWAYS identities are not written.",
            insertable.Select(p => p.c).ToList(), insertable.Select(p => names[p.i]).ToList(), mapper, notes, table,
            (_, type) => (type.Nullable, false));
    }

    public static void View(CodeWriter writer, ViewModel view, string name, CSharpTypeMapper mapper, List<string> notes)
    {
        var names = MemberNames.For(view.Columns, name + "Row");
        var kind = view.IsMaterialized ? "materialized view" : "view";
        Record(writer, view.Name, name + "Row", Summary($"A row of {kind} {CodeWriter.Code(view.Name.ToString())} (read-only).", view.Comment is null ? null : CodeWriter.Xml(view.Comment)),
            "View columns are nullable, as the catalog reports them.", view.Columns, names, mapper, notes, null, (_, type) => (type.Nullable, false));
    }

    private static string Summary(string summary, string? comment) => comment is null ? summary : comment + "\n" + "<para>" + summary + "</para>";

    private static bool Nullable(TableModel table, ColumnModel column) => !column.NotNull && !table.IsPrimaryKeyColumn(column.Name);

    private static void Record(
        CodeWriter writer,
        ObjectName sqlName,
        string typeName,
        string summary,
        string remarks,
        IReadOnlyList<ColumnModel> columns,
        IReadOnlyList<string> names,
        CSharpTypeMapper mapper,
        List<string> notes,
        TableModel? table,
        Func<ColumnModel, CSharpType, (string Type, bool Required)> shape)
    {
        writer.Doc(summary, remarks);
        writer.Line($"[{ModelGenerator.TableAttribute}({CSharpNames.Literal(sqlName.Name)}, Schema = {CSharpNames.Literal(sqlName.Schema)})]");
        using (writer.Block($"public sealed partial record {typeName}"))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                var type = mapper.Map(column.Type);
                if (type.Note is not null && typeName.EndsWith("Row", StringComparison.Ordinal))
                {
                    notes.Add($"{sqlName}.{column.Name}: {type.Note}");
                }

                var (propertyType, required) = shape(column, type);
                if (i > 0)
                {
                    writer.Line();
                }

                writer.Doc(ColumnSummary(column), ColumnRemarks(column, table, type));
                writer.Line($"[{ModelGenerator.ColumnAttribute}({CSharpNames.Literal(column.Name)})]");
                writer.Line($"public {(required ? "required " : string.Empty)}{propertyType} {names[i]} {{ get; init; }}");
            }
        }
    }

    private static string ColumnSummary(ColumnModel column) =>
        column.Comment is { } comment ? CodeWriter.Xml(comment) : "Column " + CodeWriter.Code(column.Name) + ".";

    private static string ColumnRemarks(ColumnModel column, TableModel? table, CSharpType type)
    {
        var parts = new List<string> { CodeWriter.Code(column.Type.ToString()) };
        if (table?.IsPrimaryKeyColumn(column.Name) == true)
        {
            parts.Add("primary key");
        }

        if (column.NotNull)
        {
            parts.Add("not null");
        }

        if (column.Identity != IdentityKind.None)
        {
            parts.Add(column.Identity == IdentityKind.Always ? "generated always as identity" : "generated by default as identity");
        }
        else if (column.IsGenerated)
        {
            parts.Add("generated");
        }
        else if (column.HasDefault)
        {
            parts.Add("has a default");
        }

        foreach (var foreignKey in table?.ForeignKeys.Where(f => f.Columns.Count == 1 && f.Columns[0] == column.Name) ?? Enumerable.Empty<ConstraintModel>())
        {
            parts.Add("references " + CodeWriter.Code($"{foreignKey.References!.Table}({string.Join(", ", foreignKey.References.Columns)})"));
        }

        var text = "SQL: " + string.Join(", ", parts) + ".";
        return type.Note is null ? text : text + "\n" + CodeWriter.Xml(type.Note) + ".";
    }
}

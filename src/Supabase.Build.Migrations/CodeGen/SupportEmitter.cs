using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.CodeGen;

/// <summary>Foreign keys as relationship metadata, and the Npgsql type mapping helper.</summary>
internal static class SupportEmitter
{
    private static readonly string[] ReservedRelationshipNames = { "SupabaseRelationships", "All" };

    public static void Relationships(CodeWriter writer, SchemaModel model, GenerationPlan plan)
    {
        writer.Doc("A foreign key between two tables, as relationship metadata (the SQL names).",
            "IsOneToOne: the referencing columns are themselves unique, so each referenced row has at most one referencing row.");
        writer.Line("public sealed record SupabaseForeignKey(string Name, string Schema, string Table, global::System.Collections.Generic.IReadOnlyList<string> Columns, string ReferencedSchema, string ReferencedTable, global::System.Collections.Generic.IReadOnlyList<string> ReferencedColumns, bool IsOneToOne);");
        writer.Line();
        writer.Doc("The foreign keys of the generated tables.");
        using (writer.Block("public static partial class SupabaseRelationships"))
        {
            var scope = new NameScope(ReservedRelationshipNames);
            var fields = new List<string>();
            foreach (var (table, name) in plan.Tables)
            {
                foreach (var foreignKey in table.ForeignKeys.OrderBy(f => f.Name, StringComparer.Ordinal))
                {
                    // todos_user_id_fkey on todos: TodosUserIdFkey (the table's name is not repeated).
                    var part = foreignKey.Name.StartsWith(table.Name.Name + "_", StringComparison.Ordinal) ? foreignKey.Name[(table.Name.Name.Length + 1)..] : foreignKey.Name;
                    var field = scope.Claim(name + CSharpNames.Pascal(part).TrimStart('@', '_'));
                    var oneToOne = table.Constraints.Any(c => c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique && c.Columns.Count == foreignKey.Columns.Count && c.Columns.All(foreignKey.Columns.Contains));
                    var target = foreignKey.References!;
                    writer.Doc($"{CodeWriter.Code(table.Name + "(" + string.Join(", ", foreignKey.Columns) + ")")} references {CodeWriter.Code(target.Table + "(" + string.Join(", ", target.Columns) + ")")}.");
                    writer.Line($"public static readonly SupabaseForeignKey {field} = new({CSharpNames.Literal(foreignKey.Name)}, {CSharpNames.Literal(table.Name.Schema)}, {CSharpNames.Literal(table.Name.Name)}, {Array(foreignKey.Columns)}, {CSharpNames.Literal(target.Table.Schema)}, {CSharpNames.Literal(target.Table.Name)}, {Array(target.Columns)}, {(oneToOne ? "true" : "false")});");
                    writer.Line();
                    fields.Add(field);
                }
            }

            writer.Doc("Every foreign key above.");
            writer.Line($"public static global::System.Collections.Generic.IReadOnlyList<SupabaseForeignKey> All {{ get; }} = new SupabaseForeignKey[] {{ {string.Join(", ", fields)} }};");
        }
    }

    public static void NpgsqlMapping(CodeWriter writer, GenerationPlan plan)
    {
        writer.Doc("Maps the generated enums and composite types to their PostgreSQL types on an Npgsql data source builder.",
            "<code>var dataSource = new NpgsqlDataSourceBuilder(connectionString).MapSupabaseTypes().Build();</code>");
        using (writer.Block("public static partial class SupabaseNpgsqlMapping"))
        {
            writer.Doc("Calls MapEnum / MapComposite for every generated enum and composite type.");
            using (writer.Block("public static TMapper MapSupabaseTypes<TMapper>(this TMapper mapper) where TMapper : global::Npgsql.TypeMapping.INpgsqlTypeMapper"))
            {
                foreach (var (enumModel, name) in plan.Enums)
                {
                    writer.Line($"mapper.MapEnum<{name}>({CSharpNames.Literal(enumModel.Name.Schema + "." + enumModel.Name.Name)});");
                }

                foreach (var (composite, name) in plan.Composites)
                {
                    writer.Line($"mapper.MapComposite<{name}>({CSharpNames.Literal(composite.Name.Schema + "." + composite.Name.Name)});");
                }

                writer.Line("return mapper;");
            }
        }
    }

    private static string Array(IEnumerable<string> values) => "new[] { " + string.Join(", ", values.Select(CSharpNames.Literal)) + " }";
}

using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.CodeGen;

/// <summary>Enums (labels kept with [PgName] and [EnumMember]) and composite types (records).</summary>
internal static class TypeEmitter
{
    public static void Enum(CodeWriter writer, EnumModel model, string name, ModelGeneratorOptions options)
    {
        var summary = $"Enum {CodeWriter.Code(model.Name.ToString())}.";
        writer.Doc(model.Comment is null ? summary : CodeWriter.Xml(model.Comment) + "\n<para>" + summary + "</para>");
        var scope = new NameScope(new[] { name });
        using (writer.Block("public enum " + name))
        {
            foreach (var label in model.Labels)
            {
                writer.Doc("SQL label " + CodeWriter.Code(label) + ".");
                if (options.NpgsqlAttributes)
                {
                    writer.Line($"[global::NpgsqlTypes.PgName({CSharpNames.Literal(label)})]");
                }

                writer.Line($"[global::System.Runtime.Serialization.EnumMember(Value = {CSharpNames.Literal(label)})]");
                writer.Line(scope.Claim(CSharpNames.Pascal(label, "Empty").TrimStart('@')) + ",");
            }
        }
    }

    public static void Composite(CodeWriter writer, CompositeTypeModel model, string name, CSharpTypeMapper mapper, ModelGeneratorOptions options, List<string> notes)
    {
        var summary = $"Composite type {CodeWriter.Code(model.Name.ToString())}.";
        writer.Doc(model.Comment is null ? summary : CodeWriter.Xml(model.Comment) + "\n<para>" + summary + "</para>");
        var names = MemberNames.For(model.Attributes, name);
        using (writer.Block("public sealed partial record " + name))
        {
            for (var i = 0; i < model.Attributes.Count; i++)
            {
                var attribute = model.Attributes[i];
                var type = mapper.Map(attribute.Type);
                if (type.Note is not null)
                {
                    notes.Add($"{model.Name}.{attribute.Name}: {type.Note}");
                }

                if (i > 0)
                {
                    writer.Line();
                }

                writer.Doc(attribute.Comment is null ? "Attribute " + CodeWriter.Code(attribute.Name) + "." : CodeWriter.Xml(attribute.Comment), "SQL: " + CodeWriter.Code(attribute.Type.ToString()) + ".");
                if (options.NpgsqlAttributes)
                {
                    writer.Line($"[global::NpgsqlTypes.PgName({CSharpNames.Literal(attribute.Name)})]");
                }

                writer.Line($"[{ModelGenerator.ColumnAttribute}({CSharpNames.Literal(attribute.Name)})]");
                writer.Line($"public {type.Nullable} {names[i]} {{ get; init; }}");
            }
        }
    }
}

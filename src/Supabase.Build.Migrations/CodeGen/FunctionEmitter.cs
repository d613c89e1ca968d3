using System.Globalization;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.CodeGen;

/// <summary>
/// A function as a typed signature: a static class with its SQL name and the SQL that calls it (parameters named
/// after the Args record's properties, so <c>connection.Query&lt;TResult&gt;(XFunction.Sql, args)</c> works with
/// Dapper), an Args record of its input parameters, and a Result record for RETURNS TABLE / OUT parameters.
/// </summary>
internal static class FunctionEmitter
{
    public static void Function(CodeWriter writer, SchemaModel model, FunctionModel function, string name, GenerationPlan plan, CSharpTypeMapper mapper, List<string> notes)
    {
        var inputs = function.InputParameters.ToList();
        var outputs = function.OutputParameters.ToList();
        var inputNames = MemberNames.For(inputs.Select((p, i) => p.Name ?? "arg" + (i + 1).ToString(CultureInfo.InvariantCulture)), new[] { name + "Args" });
        var hasResult = !function.IsProcedure && outputs.Count > 0 && (outputs.Count > 1 || function.ReturnType?.Name.Name == "record");
        var returnsRow = function.ReturnType is { } returned && plan.TypeNames.TryGetValue(returned.Name, out var rowType) && !model.Enums.ContainsKey(returned.Name) ? rowType : null;

        var kind = function.IsProcedure ? "Procedure" : "Function";
        var signature = Signature(function);
        var summary = $"{kind} {CodeWriter.Code(signature)}.";
        writer.Doc(function.Comment is null ? summary : CodeWriter.Xml(function.Comment) + "\n<para>" + summary + "</para>",
            function.SecurityDefiner ? "SECURITY DEFINER: runs with its owner's privileges." : null);
        using (writer.Block($"public static partial class {name}Function"))
        {
            writer.Doc("The schema.");
            writer.Line($"public const string Schema = {CSharpNames.Literal(function.Name.Schema)};");
            writer.Line();
            writer.Doc("The SQL name.");
            writer.Line($"public const string Name = {CSharpNames.Literal(function.Name.Name)};");
            writer.Line();
            var target = hasResult ? name + "Result" : returnsRow ?? (function.ReturnType is { } r ? CodeWriter.Xml(mapper.Map(r).Name.Replace("global::", string.Empty, StringComparison.Ordinal)) : null);
            writer.Doc(
                $"SQL that calls it, with {(inputs.Count == 0 ? "no parameters" : "the properties of " + CodeWriter.Code(name + "Args") + " as parameters")}" + (target is null ? "." : $"; each row reads as {CodeWriter.Code(target)}."));
            writer.Line($"public const string Sql = {CSharpNames.Literal(CallSql(function, inputNames))};");
            writer.Line();
            writer.Doc("True when it returns a set of rows (SETOF or RETURNS TABLE).");
            writer.Line($"public const bool ReturnsSet = {(function.ReturnsSet ? "true" : "false")};");
        }

        if (inputs.Count > 0)
        {
            writer.Line();
            writer.Doc($"The arguments of {CodeWriter.Code(function.Name.ToString())}.", "Parameters with a default are optional.");
            using (writer.Block($"public sealed partial record {name}Args"))
            {
                for (var i = 0; i < inputs.Count; i++)
                {
                    var parameter = inputs[i];
                    var type = mapper.Map(parameter.Type);
                    if (i > 0)
                    {
                        writer.Line();
                    }

                    writer.Doc("Parameter " + CodeWriter.Code((parameter.Name ?? "$" + (i + 1).ToString(CultureInfo.InvariantCulture)) + " " + parameter.Type) + ".", type.Note is null ? null : CodeWriter.Xml(type.Note) + ".");
                    if (parameter.Name is not null)
                    {
                        writer.Line($"[{ModelGenerator.ColumnAttribute}({CSharpNames.Literal(parameter.Name)})]");
                    }

                    writer.Line(parameter.HasDefault
                        ? $"public {type.Nullable} {inputNames[i]} {{ get; init; }}"
                        : $"public required {type.Name} {inputNames[i]} {{ get; init; }}");
                }
            }
        }

        if (hasResult)
        {
            writer.Line();
            var outputNames = MemberNames.For(outputs.Select((p, i) => p.Name ?? "column" + (i + 1).ToString(CultureInfo.InvariantCulture)), new[] { name + "Result" });
            writer.Doc($"A row returned by {CodeWriter.Code(function.Name.ToString())}.");
            using (writer.Block($"public sealed partial record {name}Result"))
            {
                for (var i = 0; i < outputs.Count; i++)
                {
                    var type = mapper.Map(outputs[i].Type);
                    if (type.Note is not null)
                    {
                        notes.Add($"{function.Name}() result {outputs[i].Name}: {type.Note}");
                    }

                    if (i > 0)
                    {
                        writer.Line();
                    }

                    writer.Doc("Column " + CodeWriter.Code((outputs[i].Name ?? "?column?") + " " + outputs[i].Type) + ".");
                    if (outputs[i].Name is not null)
                    {
                        writer.Line($"[{ModelGenerator.ColumnAttribute}({CSharpNames.Literal(outputs[i].Name!)})]");
                    }

                    writer.Line($"public {type.Nullable} {outputNames[i]} {{ get; init; }}");
                }
            }
        }
    }

    private static string Signature(FunctionModel function)
    {
        var parameters = string.Join(", ", function.Parameters.Where(p => p.Mode != ParameterMode.Table).Select(p =>
            (p.Mode switch { ParameterMode.Out => "out ", ParameterMode.InOut => "inout ", ParameterMode.Variadic => "variadic ", _ => string.Empty })
            + (p.Name is null ? string.Empty : SqlIdentifier.Quote(p.Name) + " ") + p.Type + (p.HasDefault ? " = default" : string.Empty)));
        var text = $"{function.Name}({parameters})";
        if (function.IsProcedure)
        {
            return text;
        }

        var table = function.Parameters.Where(p => p.Mode == ParameterMode.Table).ToList();
        return table.Count > 0
            ? text + " returns table(" + string.Join(", ", table.Select(p => SqlIdentifier.Quote(p.Name ?? "?") + " " + p.Type)) + ")"
            : text + " returns " + (function.ReturnsSet ? "setof " : string.Empty) + function.ReturnType;
    }

    private static string CallSql(FunctionModel function, IReadOnlyList<string> inputNames)
    {
        var inputs = function.InputParameters.ToList();
        var arguments = string.Join(", ", inputs.Select((p, i) =>
            (p.Mode == ParameterMode.Variadic ? "variadic " : string.Empty) + "@" + inputNames[i].TrimStart('@') + (p.Type.IsResolved ? "::" + p.Type : string.Empty)));
        var call = $"{function.Name}({arguments})";
        return function.IsProcedure ? "call " + call
            : function.ReturnsSet || function.ReturnType?.Name.Name == "record" || function.OutputParameters.Count() > 1 ? "select * from " + call
            : "select " + call + " as " + SqlIdentifier.Quote(function.Name.Name);
    }
}

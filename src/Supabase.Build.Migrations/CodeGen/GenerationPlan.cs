using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.CodeGen;

/// <summary>
/// Which objects are generated and the C# name of each, claimed in a fixed order (enums, composites, tables, views,
/// functions; each by schema order, then SQL name) so that names that collide after PascalCase are numbered the same
/// way every time. Objects outside the first schema get the schema's PascalCase name as a prefix.
/// </summary>
internal sealed class GenerationPlan
{
    public static readonly string[] TableSuffixes = { "Row", "Insert", "Update" };
    public static readonly string[] RowSuffix = { "Row" };
    public static readonly string[] FunctionSuffixes = { "Function", "Args", "Result" };

    public List<(EnumModel Model, string Name)> Enums { get; } = new();

    public List<(CompositeTypeModel Model, string Name)> Composites { get; } = new();

    /// <summary>Tables and their base name (types are base + Row, Insert, Update).</summary>
    public List<(TableModel Model, string Name)> Tables { get; } = new();

    /// <summary>Views and their base name (the type is base + Row).</summary>
    public List<(ViewModel Model, string Name)> Views { get; } = new();

    /// <summary>Functions and their base name (types are base + Function, Args, Result).</summary>
    public List<(FunctionModel Model, string Name)> Functions { get; } = new();

    /// <summary>The C# type of each generated SQL type: enums, composites, and the row types of tables and views.</summary>
    public Dictionary<ObjectName, string> TypeNames { get; } = new();

    public int TypeCount => Enums.Count + Composites.Count + Tables.Count * 3 + Views.Count + Functions.Count * 2;

    public static GenerationPlan Create(SchemaModel model, ModelGeneratorOptions options)
    {
        var plan = new GenerationPlan();
        var scope = new NameScope(ModelGenerator.SupportTypeNames);
        var schemaOrder = options.Schemas.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        IOrderedEnumerable<T> InSchemas<T>(IEnumerable<T> items, Func<T, ObjectName> name) =>
            items.Where(i => schemaOrder.ContainsKey(name(i).Schema)).OrderBy(i => schemaOrder[name(i).Schema]).ThenBy(i => name(i).Name, StringComparer.Ordinal);
        string Base(ObjectName name) => (schemaOrder[name.Schema] == 0 ? string.Empty : CSharpNames.Pascal(name.Schema).TrimStart('@', '_')) + CSharpNames.Pascal(name.Name).TrimStart('@');

        foreach (var enumModel in InSchemas(model.Enums.Values, e => e.Name))
        {
            var name = scope.Claim(Base(enumModel.Name));
            plan.Enums.Add((enumModel, name));
            plan.TypeNames[enumModel.Name] = name;
        }

        foreach (var composite in InSchemas(model.CompositeTypes.Values, c => c.Name))
        {
            var name = scope.Claim(Base(composite.Name));
            plan.Composites.Add((composite, name));
            plan.TypeNames[composite.Name] = name;
        }

        foreach (var table in InSchemas(model.Tables.Values.Where(t => !t.IsTemporary), t => t.Name))
        {
            var name = scope.ClaimWithSuffixes(Base(table.Name), TableSuffixes);
            plan.Tables.Add((table, name));
            plan.TypeNames.TryAdd(table.Name, name + "Row");
        }

        foreach (var view in InSchemas(model.Views.Values, v => v.Name))
        {
            var name = scope.ClaimWithSuffixes(Base(view.Name), RowSuffix);
            plan.Views.Add((view, name));
            plan.TypeNames.TryAdd(view.Name, name + "Row");
        }

        foreach (var function in InSchemas(model.Functions.Values.Where(IsCallable), f => f.Name).ThenBy(f => f.Signature, StringComparer.Ordinal))
        {
            plan.Functions.Add((function, scope.ClaimWithSuffixes(Base(function.Name), FunctionSuffixes)));
        }

        return plan;
    }

    /// <summary>Trigger and event-trigger functions are not called by applications.</summary>
    private static bool IsCallable(FunctionModel function) =>
        function.ReturnType is not { IsBuiltIn: true, Name.Name: "trigger" or "event_trigger" }
        && !function.Parameters.Any(p => p.Type.IsBuiltIn && p.Type.Name.Name is "internal" or "cstring");
}

namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// How far two models of the same schema agree (offline replay against live introspection): tables, columns, column
/// types, nullability, enums, views and functions of the given schemas, with every difference spelled out. A view
/// column whose type the replay could not derive (SB0005) counts as a type difference.
/// </summary>
public sealed record SchemaAgreement(
    int Tables,
    int TablesAgreeing,
    int Columns,
    int ColumnsAgreeing,
    int TypesAgreeing,
    int NullabilityAgreeing,
    int Enums,
    int EnumsAgreeing,
    int Views,
    int ViewsAgreeing,
    int Functions,
    int FunctionsAgreeing,
    IReadOnlyList<string> Differences)
{
    public bool IsExact => Differences.Count == 0;

    public static SchemaAgreement Compare(SchemaModel offline, SchemaModel live, IReadOnlyCollection<string> schemas)
    {
        ArgumentNullException.ThrowIfNull(offline);
        ArgumentNullException.ThrowIfNull(live);
        var differences = new List<string>();
        bool InScope(ObjectName name) => schemas.Contains(name.Schema);

        int tables = 0, tablesAgreeing = 0, columns = 0, columnsAgreeing = 0, types = 0, nullability = 0;
        foreach (var name in offline.Tables.Keys.Concat(live.Tables.Keys).Where(InScope).Distinct().OrderBy(n => n))
        {
            tables++;
            var a = offline.Tables.GetValueOrDefault(name);
            var b = live.Tables.GetValueOrDefault(name);
            if (a is null || b is null)
            {
                differences.Add($"table {name}: only {(a is null ? "live" : "offline")}");
                continue;
            }

            tablesAgreeing++;
            Columns(name.ToString(), a.Columns, b.Columns, c => c.NotNull || a.IsPrimaryKeyColumn(c.Name), c => c.NotNull || b.IsPrimaryKeyColumn(c.Name));
        }

        int views = 0, viewsAgreeing = 0;
        foreach (var name in offline.Views.Keys.Concat(live.Views.Keys).Where(InScope).Distinct().OrderBy(n => n))
        {
            views++;
            var a = offline.Views.GetValueOrDefault(name);
            var b = live.Views.GetValueOrDefault(name);
            if (a is null || b is null)
            {
                differences.Add($"view {name}: only {(a is null ? "live" : "offline")}");
                continue;
            }

            viewsAgreeing++;
            Columns(name.ToString(), a.Columns, b.Columns, c => c.NotNull, c => c.NotNull);
        }

        int enums = 0, enumsAgreeing = 0;
        foreach (var name in offline.Enums.Keys.Concat(live.Enums.Keys).Where(InScope).Distinct().OrderBy(n => n))
        {
            enums++;
            var a = offline.Enums.GetValueOrDefault(name);
            var b = live.Enums.GetValueOrDefault(name);
            if (a is not null && b is not null && a.Labels.SequenceEqual(b.Labels))
            {
                enumsAgreeing++;
            }
            else
            {
                differences.Add($"enum {name}: " + (a is null || b is null ? $"only {(a is null ? "live" : "offline")}" : $"labels ({string.Join(", ", a.Labels)}) offline, ({string.Join(", ", b.Labels)}) live"));
            }
        }

        int functions = 0, functionsAgreeing = 0;
        foreach (var signature in offline.Functions.Values.Concat(live.Functions.Values).Where(f => InScope(f.Name)).Select(f => f.Signature).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            functions++;
            var a = offline.Functions.GetValueOrDefault(signature);
            var b = live.Functions.GetValueOrDefault(signature);
            if (a is not null && b is not null && a.ReturnType?.Normalized == b.ReturnType?.Normalized && a.ReturnsSet == b.ReturnsSet
                && a.OutputParameters.Select(p => (p.Name, p.Type.Normalized)).SequenceEqual(b.OutputParameters.Select(p => (p.Name, p.Type.Normalized))))
            {
                functionsAgreeing++;
            }
            else
            {
                differences.Add($"function {signature}: " + (a is null || b is null ? $"only {(a is null ? "live" : "offline")}" : $"returns {(a.ReturnsSet ? "setof " : string.Empty)}{a.ReturnType} offline, {(b.ReturnsSet ? "setof " : string.Empty)}{b.ReturnType} live"));
            }
        }

        return new SchemaAgreement(tables, tablesAgreeing, columns, columnsAgreeing, types, nullability, enums, enumsAgreeing, views, viewsAgreeing, functions, functionsAgreeing, differences);

        void Columns(string owner, IReadOnlyList<ColumnModel> a, IReadOnlyList<ColumnModel> b, Func<ColumnModel, bool> notNullA, Func<ColumnModel, bool> notNullB)
        {
            foreach (var column in a.Select(c => c.Name).Concat(b.Select(c => c.Name)).Distinct(StringComparer.Ordinal))
            {
                columns++;
                var x = a.FirstOrDefault(c => c.Name == column);
                var y = b.FirstOrDefault(c => c.Name == column);
                if (x is null || y is null)
                {
                    differences.Add($"column {owner}.{column}: only {(x is null ? "live" : "offline")}");
                    continue;
                }

                columnsAgreeing++;
                if (x.Type.IsResolved && x.Type.Normalized == y.Type.Normalized)
                {
                    types++;
                }
                else
                {
                    differences.Add($"column {owner}.{column}: type {(x.Type.IsResolved ? x.Type.ToString() : "not derivable (SB0005)")} offline, {y.Type} live");
                }

                if (notNullA(x) == notNullB(y))
                {
                    nullability++;
                }
                else
                {
                    differences.Add($"column {owner}.{column}: {(notNullA(x) ? "not null" : "nullable")} offline, {(notNullB(y) ? "not null" : "nullable")} live");
                }
            }
        }
    }

    public override string ToString() =>
        $"tables {TablesAgreeing}/{Tables}, columns {ColumnsAgreeing}/{Columns}, types {TypesAgreeing}/{Columns}, nullability {NullabilityAgreeing}/{Columns}, "
        + $"enums {EnumsAgreeing}/{Enums}, views {ViewsAgreeing}/{Views}, functions {FunctionsAgreeing}/{Functions}";
}

using System.Collections.Immutable;

namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// Who points at a relation or a type in a <see cref="SchemaModel"/>: the indexes on a table, the tables whose
/// constraints reference it, the views that read it, the tables with a column of a type. The replay's DROP, RENAME
/// and SET SCHEMA look their dependents up here instead of walking every table, index and view of the model (a long
/// history, or the regression suite, drops and renames thousands of times). Made from a model once, then changed
/// with it by <see cref="SchemaModel"/>'s Set/Remove methods; immutable, so every model version keeps its own.
/// Each set holds the keys of the referring objects, in key order (the order a walk of the model finds them in).
/// </summary>
internal sealed class SchemaReferences
{
    private static readonly ImmutableSortedSet<ObjectName> NoKeys = ImmutableSortedSet<ObjectName>.Empty;

    private readonly ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> _indexesOn;
    private readonly ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> _tablesReferencing;
    private readonly ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> _viewsReading;
    private readonly ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> _tablesUsingType;

    private SchemaReferences(
        ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> indexesOn,
        ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> tablesReferencing,
        ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> viewsReading,
        ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> tablesUsingType)
    {
        _indexesOn = indexesOn;
        _tablesReferencing = tablesReferencing;
        _viewsReading = viewsReading;
        _tablesUsingType = tablesUsingType;
    }

    /// <summary>Keys of the indexes on <paramref name="table"/>.</summary>
    public ImmutableSortedSet<ObjectName> IndexesOn(ObjectName table) => _indexesOn.GetValueOrDefault(table) ?? NoKeys;

    /// <summary>Keys of the tables with a constraint that references <paramref name="table"/> (itself included, for a self-reference).</summary>
    public ImmutableSortedSet<ObjectName> TablesReferencing(ObjectName table) => _tablesReferencing.GetValueOrDefault(table) ?? NoKeys;

    /// <summary>Keys of the views that read <paramref name="relation"/>.</summary>
    public ImmutableSortedSet<ObjectName> ViewsReading(ObjectName relation) => _viewsReading.GetValueOrDefault(relation) ?? NoKeys;

    /// <summary>Keys of the tables with a column of type <paramref name="type"/>.</summary>
    public ImmutableSortedSet<ObjectName> TablesUsingType(ObjectName type) => _tablesUsingType.GetValueOrDefault(type) ?? NoKeys;

    /// <summary>True when both hold the same references (what a model's upkeep is checked against: a fresh walk).</summary>
    public bool SameAs(SchemaReferences other) =>
        Same(_indexesOn, other._indexesOn) && Same(_tablesReferencing, other._tablesReferencing)
        && Same(_viewsReading, other._viewsReading) && Same(_tablesUsingType, other._tablesUsingType);

    private static bool Same(ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> a, ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var other) && e.Value.SetEquals(other));

    /// <summary>The references of <paramref name="model"/>, by one walk of its tables, indexes and views.</summary>
    public static SchemaReferences Of(SchemaModel model)
    {
        var indexesOn = new Dictionary<ObjectName, ImmutableSortedSet<ObjectName>.Builder>();
        var tablesReferencing = new Dictionary<ObjectName, ImmutableSortedSet<ObjectName>.Builder>();
        var viewsReading = new Dictionary<ObjectName, ImmutableSortedSet<ObjectName>.Builder>();
        var tablesUsingType = new Dictionary<ObjectName, ImmutableSortedSet<ObjectName>.Builder>();
        foreach (var (key, index) in model.Indexes)
        {
            Add(indexesOn, index.Table, key);
        }

        foreach (var (key, table) in model.Tables)
        {
            foreach (var target in ReferencedTables(table))
            {
                Add(tablesReferencing, target, key);
            }

            foreach (var type in ColumnTypes(table))
            {
                Add(tablesUsingType, type, key);
            }
        }

        foreach (var (key, view) in model.Views)
        {
            foreach (var source in view.ReadsFrom)
            {
                Add(viewsReading, source, key);
            }
        }

        return new SchemaReferences(Freeze(indexesOn), Freeze(tablesReferencing), Freeze(viewsReading), Freeze(tablesUsingType));
    }

    /// <summary>After the table at <paramref name="key"/> changed from <paramref name="before"/> to <paramref name="after"/> (null: absent).</summary>
    public SchemaReferences ChangeTable(ObjectName key, TableModel? before, TableModel? after)
    {
        var constraintsSame = ReferenceEquals(before?.Constraints, after?.Constraints);
        var columnsSame = ReferenceEquals(before?.Columns, after?.Columns);
        if (constraintsSame && columnsSame)
        {
            return this; // grants, policies, comments...: nothing that points elsewhere
        }

        return new SchemaReferences(
            _indexesOn,
            constraintsSame ? _tablesReferencing : Change(_tablesReferencing, key, ReferencedTables(before), ReferencedTables(after)),
            _viewsReading,
            columnsSame ? _tablesUsingType : Change(_tablesUsingType, key, ColumnTypes(before), ColumnTypes(after)));
    }

    /// <summary>After the index at <paramref name="key"/> changed from <paramref name="before"/> to <paramref name="after"/> (null: absent).</summary>
    public SchemaReferences ChangeIndex(ObjectName key, IndexModel? before, IndexModel? after) =>
        before?.Table == after?.Table && (before is null) == (after is null)
            ? this
            : new SchemaReferences(Change(_indexesOn, key, Tables(before?.Table), Tables(after?.Table)), _tablesReferencing, _viewsReading, _tablesUsingType);

    /// <summary>After the view at <paramref name="key"/> changed from <paramref name="before"/> to <paramref name="after"/> (null: absent).</summary>
    public SchemaReferences ChangeView(ObjectName key, ViewModel? before, ViewModel? after) =>
        ReferenceEquals(before?.ReadsFrom, after?.ReadsFrom)
            ? this
            : new SchemaReferences(_indexesOn, _tablesReferencing, Change(_viewsReading, key, before?.ReadsFrom ?? [], after?.ReadsFrom ?? []), _tablesUsingType);

    private static IReadOnlyList<ObjectName> Tables(ObjectName? table) => table is { } name ? [name] : [];

    /// <summary>The tables a table's constraints reference (each once), as <see cref="TableModel.ReferencesTable"/> sees them.</summary>
    private static List<ObjectName> ReferencedTables(TableModel? table)
    {
        var targets = new List<ObjectName>();
        if (table is not null)
        {
            foreach (var constraint in table.Constraints)
            {
                if (constraint.References is { } target && !targets.Contains(target.Table))
                {
                    targets.Add(target.Table);
                }
            }
        }

        return targets;
    }

    /// <summary>The types of a table's columns (each once).</summary>
    private static List<ObjectName> ColumnTypes(TableModel? table)
    {
        var types = new List<ObjectName>();
        if (table is not null)
        {
            foreach (var column in table.Columns)
            {
                if (!types.Contains(column.Type.Name))
                {
                    types.Add(column.Type.Name);
                }
            }
        }

        return types;
    }

    /// <summary>Moves <paramref name="referrer"/> from the targets it pointed at to those it points at now.</summary>
    private static ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> Change(
        ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> map, ObjectName referrer, IReadOnlyList<ObjectName> before, IReadOnlyList<ObjectName> after)
    {
        foreach (var target in before)
        {
            if (!after.Contains(target) && map.TryGetValue(target, out var referrers))
            {
                var left = referrers.Remove(referrer);
                map = left.IsEmpty ? map.Remove(target) : map.SetItem(target, left);
            }
        }

        foreach (var target in after)
        {
            if (!before.Contains(target))
            {
                map = map.SetItem(target, (map.GetValueOrDefault(target) ?? NoKeys).Add(referrer));
            }
        }

        return map;
    }

    private static void Add(Dictionary<ObjectName, ImmutableSortedSet<ObjectName>.Builder> map, ObjectName target, ObjectName referrer)
    {
        if (!map.TryGetValue(target, out var referrers))
        {
            map[target] = referrers = ImmutableSortedSet.CreateBuilder<ObjectName>();
        }

        referrers.Add(referrer);
    }

    private static ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> Freeze(Dictionary<ObjectName, ImmutableSortedSet<ObjectName>.Builder> map) =>
        map.ToImmutableDictionary(e => e.Key, e => e.Value.ToImmutable());
}

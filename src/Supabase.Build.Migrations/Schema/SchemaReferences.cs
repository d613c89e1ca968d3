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

    /// <summary>
    /// Keys of the tables with a column of type <paramref name="type"/>: a user type (enum, composite, domain, an
    /// extension's), not a built-in one (pg_catalog's types are never dropped or renamed, and nearly every column has one).
    /// </summary>
    public ImmutableSortedSet<ObjectName> TablesUsingType(ObjectName type) => _tablesUsingType.GetValueOrDefault(type) ?? NoKeys;

    /// <summary>True when both hold the same references (what a model's upkeep is checked against: a fresh walk).</summary>
    public bool SameAs(SchemaReferences other) =>
        Same(_indexesOn, other._indexesOn) && Same(_tablesReferencing, other._tablesReferencing)
        && Same(_viewsReading, other._viewsReading) && Same(_tablesUsingType, other._tablesUsingType);

    private static bool Same(ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> a, ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var other) && e.Value.SetEquals(other));

    /// <summary>
    /// The tables of <paramref name="model"/> with a column of <paramref name="type"/> (DROP TYPE, a type's RENAME or SET
    /// SCHEMA): by its references for a user type, by a walk of every table for a built-in one (which they leave out).
    /// </summary>
    public static IEnumerable<ObjectName> TablesUsing(SchemaModel model, ObjectName type) =>
        type.Schema == BuiltInTypes.Catalog ? model.Tables.Keys : model.References.TablesUsingType(type);

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
            foreach (var constraint in table.Constraints)
            {
                if (constraint.References is { } target)
                {
                    Add(tablesReferencing, target.Table, key);
                }
            }

            foreach (var column in table.Columns)
            {
                if (!column.Type.IsBuiltIn)
                {
                    Add(tablesUsingType, column.Type.Name, key);
                }
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
            constraintsSame ? _tablesReferencing : ChangeReferencedTables(_tablesReferencing, key, before, after),
            _viewsReading,
            columnsSame ? _tablesUsingType : ChangeColumnTypes(_tablesUsingType, key, before, after));
    }

    // The two below run on every ALTER TABLE that adds a column or constraint: they look the table's few targets up
    // in place instead of listing them before and after (no allocation unless something changes).
    private static ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> ChangeReferencedTables(
        ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> map, ObjectName key, TableModel? before, TableModel? after)
    {
        foreach (var constraint in before?.Constraints ?? [])
        {
            if (constraint.References is { } target && after?.ReferencesTable(target.Table) != true)
            {
                map = Remove(map, target.Table, key);
            }
        }

        foreach (var constraint in after?.Constraints ?? [])
        {
            if (constraint.References is { } target)
            {
                map = Add(map, target.Table, key);
            }
        }

        return map;
    }

    private static ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> ChangeColumnTypes(
        ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> map, ObjectName key, TableModel? before, TableModel? after)
    {
        foreach (var column in before?.Columns ?? [])
        {
            if (!column.Type.IsBuiltIn && after?.HasColumnOfType(column.Type.Name) != true)
            {
                map = Remove(map, column.Type.Name, key);
            }
        }

        foreach (var column in after?.Columns ?? [])
        {
            if (!column.Type.IsBuiltIn)
            {
                map = Add(map, column.Type.Name, key);
            }
        }

        return map;
    }

    private static ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> Add(
        ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> map, ObjectName target, ObjectName referrer) =>
        map.TryGetValue(target, out var referrers) && referrers.Contains(referrer) ? map : map.SetItem(target, (referrers ?? NoKeys).Add(referrer));

    private static ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> Remove(
        ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> map, ObjectName target, ObjectName referrer)
    {
        if (!map.TryGetValue(target, out var referrers) || !referrers.Contains(referrer))
        {
            return map;
        }

        var left = referrers.Remove(referrer);
        return left.IsEmpty ? map.Remove(target) : map.SetItem(target, left);
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

    /// <summary>Moves <paramref name="referrer"/> from the targets it pointed at to those it points at now.</summary>
    private static ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> Change(
        ImmutableDictionary<ObjectName, ImmutableSortedSet<ObjectName>> map, ObjectName referrer, IReadOnlyList<ObjectName> before, IReadOnlyList<ObjectName> after)
    {
        foreach (var target in before)
        {
            if (!after.Contains(target))
            {
                map = Remove(map, target, referrer);
            }
        }

        foreach (var target in after)
        {
            map = Add(map, target, referrer);
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

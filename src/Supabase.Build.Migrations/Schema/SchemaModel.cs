using System.Collections.Immutable;

namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// The schema of a database at one point in time: what replaying the migrations up to a statement produced, or what
/// a live database's catalog says. Immutable: each change makes a new model sharing the unchanged parts, so the
/// state before every statement of a history can be kept at little cost (see <see cref="SchemaHistory"/>).
/// Collections are sorted by name (ordinal), so everything built from a model is in a stable order.
/// </summary>
public sealed record SchemaModel
{
    public static SchemaModel Empty { get; } = new();

    public ImmutableSortedDictionary<string, SchemaObjectModel> Schemas { get; init; } = ImmutableSortedDictionary.Create<string, SchemaObjectModel>(StringComparer.Ordinal);

    private readonly ImmutableSortedDictionary<ObjectName, TableModel> _tables = ImmutableSortedDictionary<ObjectName, TableModel>.Empty;
    private readonly ImmutableSortedDictionary<ObjectName, ViewModel> _views = ImmutableSortedDictionary<ObjectName, ViewModel>.Empty;
    private readonly ImmutableSortedDictionary<ObjectName, IndexModel> _indexes = ImmutableSortedDictionary<ObjectName, IndexModel>.Empty;

    // Who points at what (derived from the three above, made on first use): a new set of them starts without it,
    // the Set/Remove methods below carry it over, changed. Not part of the model's value (see ReferencesCache).
    private ReferencesCache _references = new(null);

    public ImmutableSortedDictionary<ObjectName, TableModel> Tables
    {
        get => _tables;
        init => (_tables, _references) = (value, new ReferencesCache(null));
    }

    public ImmutableSortedDictionary<ObjectName, ViewModel> Views
    {
        get => _views;
        init => (_views, _references) = (value, new ReferencesCache(null));
    }

    public ImmutableSortedDictionary<ObjectName, IndexModel> Indexes
    {
        get => _indexes;
        init => (_indexes, _references) = (value, new ReferencesCache(null));
    }

    public ImmutableSortedDictionary<ObjectName, EnumModel> Enums { get; init; } = ImmutableSortedDictionary<ObjectName, EnumModel>.Empty;

    public ImmutableSortedDictionary<ObjectName, CompositeTypeModel> CompositeTypes { get; init; } = ImmutableSortedDictionary<ObjectName, CompositeTypeModel>.Empty;

    public ImmutableSortedDictionary<ObjectName, DomainModel> Domains { get; init; } = ImmutableSortedDictionary<ObjectName, DomainModel>.Empty;

    /// <summary>Functions and procedures by <see cref="FunctionModel.Signature"/>.</summary>
    public ImmutableSortedDictionary<string, FunctionModel> Functions { get; init; } = ImmutableSortedDictionary.Create<string, FunctionModel>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, ExtensionModel> Extensions { get; init; } = ImmutableSortedDictionary.Create<string, ExtensionModel>(StringComparer.Ordinal);

    /// <summary>ALTER DEFAULT PRIVILEGES in effect, in the order they were given.</summary>
    public ImmutableList<DefaultPrivilege> DefaultPrivileges { get; init; } = ImmutableList<DefaultPrivilege>.Empty;

    public TableModel? Table(ObjectName name) => Tables.GetValueOrDefault(name);

    public ViewModel? View(ObjectName name) => Views.GetValueOrDefault(name);

    /// <summary>True when a table, view or materialized view of that name exists.</summary>
    public bool HasRelation(ObjectName name) => Tables.ContainsKey(name) || Views.ContainsKey(name);

    /// <summary>True when a type of that name (enum, composite, domain, or a table's row type) exists.</summary>
    public bool HasType(ObjectName name) =>
        Enums.ContainsKey(name) || CompositeTypes.ContainsKey(name) || Domains.ContainsKey(name) || Tables.ContainsKey(name) || Views.ContainsKey(name);

    /// <summary>Every overload of a function name.</summary>
    public IEnumerable<FunctionModel> FunctionsNamed(ObjectName name) => Functions.Values.Where(f => f.Name == name);

    public IEnumerable<IndexModel> IndexesOf(ObjectName table) => Indexes.Values.Where(i => i.Table == table);

    /// <summary>The search_path a migration runs with unless it sets one: Supabase's <c>public, extensions</c>.</summary>
    public static IReadOnlyList<string> DefaultSearchPath { get; } = new[] { "public", "extensions" };

    /// <summary>
    /// The table or view a (possibly unqualified) name refers to, as the server resolves it: the schema when given,
    /// else pg_temp, then <paramref name="searchPath"/> (default <see cref="DefaultSearchPath"/>). Null when none exists.
    /// </summary>
    public ObjectName? FindRelation(string? schema, string name, IEnumerable<string>? searchPath = null)
    {
        if (schema is not null)
        {
            var qualified = new ObjectName(schema, name);
            return HasRelation(qualified) ? qualified : null;
        }

        var temporary = new ObjectName("pg_temp", name);
        return HasRelation(temporary) ? temporary : ResolveRelation(name, searchPath ?? DefaultSearchPath);
    }

    /// <summary>The first schema of <paramref name="searchPath"/> that holds a relation named <paramref name="name"/>.</summary>
    public ObjectName? ResolveRelation(string name, IEnumerable<string> searchPath) => Resolve(name, searchPath, types: false);

    /// <summary>The first schema of <paramref name="searchPath"/> that holds a type named <paramref name="name"/>.</summary>
    public ObjectName? ResolveType(string name, IEnumerable<string> searchPath) => Resolve(name, searchPath, types: true);

    private ObjectName? Resolve(string name, IEnumerable<string> searchPath, bool types)
    {
        bool Holds(ObjectName candidate) => types ? HasType(candidate) : HasRelation(candidate);
        if (searchPath is IReadOnlyList<string> schemas)
        {
            // Indexed: a search path is short, and this is asked for most names a statement holds (no enumerator to allocate).
            for (var i = 0; i < schemas.Count; i++)
            {
                if (Holds(new ObjectName(schemas[i], name)))
                {
                    return new ObjectName(schemas[i], name);
                }
            }

            return null;
        }

        foreach (var schema in searchPath)
        {
            if (Holds(new ObjectName(schema, name)))
            {
                return new ObjectName(schema, name);
            }
        }

        return null;
    }

    /// <summary>Who points at each relation and type: made on first use, then kept by the changes below.</summary>
    internal SchemaReferences References => _references.Value ?? _references.Fill(SchemaReferences.Of(this));

    /// <summary>The references when already made or carried over, else null (for tests of their upkeep).</summary>
    internal SchemaReferences? KnownReferences => _references.Value;

    /// <summary>The model with the table at <paramref name="key"/> set (added or replaced).</summary>
    internal SchemaModel SetTable(ObjectName key, TableModel table) =>
        (this with { Tables = Tables.SetItem(key, table) }).Referencing(_references.Value?.ChangeTable(key, Tables.GetValueOrDefault(key), table));

    internal SchemaModel RemoveTable(ObjectName key) =>
        Tables.TryGetValue(key, out var table) ? (this with { Tables = Tables.Remove(key) }).Referencing(_references.Value?.ChangeTable(key, table, null)) : this;

    internal SchemaModel SetIndex(ObjectName key, IndexModel index) =>
        (this with { Indexes = Indexes.SetItem(key, index) }).Referencing(_references.Value?.ChangeIndex(key, Indexes.GetValueOrDefault(key), index));

    internal SchemaModel RemoveIndex(ObjectName key) =>
        Indexes.TryGetValue(key, out var index) ? (this with { Indexes = Indexes.Remove(key) }).Referencing(_references.Value?.ChangeIndex(key, index, null)) : this;

    internal SchemaModel SetView(ObjectName key, ViewModel view) =>
        (this with { Views = Views.SetItem(key, view) }).Referencing(_references.Value?.ChangeView(key, Views.GetValueOrDefault(key), view));

    internal SchemaModel RemoveView(ObjectName key) =>
        Views.TryGetValue(key, out var view) ? (this with { Views = Views.Remove(key) }).Referencing(_references.Value?.ChangeView(key, view, null)) : this;

    /// <summary>Gives a model just made by <c>with</c> (not yet seen by anyone) its references, when they are known.</summary>
    private SchemaModel Referencing(SchemaReferences? references)
    {
        _references = new ReferencesCache(references);
        return this;
    }

    /// <summary>A table or view's columns, or null when neither exists.</summary>
    public IReadOnlyList<ColumnModel>? ColumnsOf(ObjectName relation) =>
        Tables.TryGetValue(relation, out var table) ? table.Columns
        : Views.TryGetValue(relation, out var view) ? view.Columns
        : CompositeTypes.TryGetValue(relation, out var composite) ? composite.Attributes
        : null;

    /// <summary>
    /// Holds a model's <see cref="SchemaReferences"/> once made. Equal to every other: a cache is not part of the
    /// model's value, so two models with the same objects are equal whether or not either has made it. Shared by a
    /// copy that keeps the same tables, indexes and views (so it is made once for both); filled at most once.
    /// </summary>
    private sealed class ReferencesCache(SchemaReferences? value) : IEquatable<ReferencesCache>
    {
        private SchemaReferences? _value = value;

        public SchemaReferences? Value => Volatile.Read(ref _value);

        public SchemaReferences Fill(SchemaReferences made) => Interlocked.CompareExchange(ref _value, made, null) ?? made;

        public bool Equals(ReferencesCache? other) => other is not null;

        public override bool Equals(object? obj) => obj is ReferencesCache;

        public override int GetHashCode() => 0;
    }
}

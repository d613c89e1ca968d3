using System.Collections.Immutable;
using System.Globalization;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>
/// The mutable state of one replay: the current model, the session's search_path, the statement being applied and
/// the diagnostics so far. Appliers read names through it, so resolution follows PostgreSQL's rules in one place.
/// </summary>
internal sealed class ReplayContext
{
    public static readonly ImmutableList<string> DefaultSearchPath = SchemaModel.DefaultSearchPath.ToImmutableList();

    private readonly List<MigrationDiagnostic> _diagnostics;
    private MigrationStatement? _statement;
    private SchemaSource? _source;

    // The grants the default privileges give new objects, for the type and schema asked last: each CREATE TABLE
    // asks, and the defaults rarely change between two of them (a list is immutable, so a new one means a change).
    private (ImmutableList<DefaultPrivilege> Defaults, string ObjectType, string Schema, ImmutableHashSet<Grant> Grants)? _defaultGrants;

    // The labels of the enum last extended, and the same as a set: a history that adds hundreds of values to one
    // enum, one ALTER TYPE ... ADD VALUE at a time, would otherwise search the whole list for each. Lists are
    // immutable, so the set holds while the enum still has the very list it was made from.
    private ImmutableList<string>? _enumLabels;
    private HashSet<string>? _enumLabelSet;

    public ReplayContext(SchemaModel model, PgParser parser, List<MigrationDiagnostic> diagnostics)
    {
        Model = model;
        Parser = parser;
        _diagnostics = diagnostics;
    }

    public SchemaModel Model { get; set; }

    public PgParser Parser { get; }

    public ImmutableList<string> SearchPath { get; set; } = DefaultSearchPath;

    public ParsedMigration? Migration { get; set; }

    public MigrationStatement? Statement
    {
        get => _statement;
        set
        {
            _statement = value;
            _source = null;
        }
    }

    /// <summary>When false (the baseline), nothing is reported and no source is recorded.</summary>
    public bool Reporting { get; set; } = true;

    /// <summary>
    /// Where the current statement is, for objects it creates: made on first use (most statements create nothing),
    /// then shared by everything the statement creates.
    /// </summary>
    public SchemaSource? Source => _source ??= Reporting && Migration is not null && _statement is not null
        ? new SchemaSource(Migration.File.Path, Migration.File.Version, _statement.Span)
        : null;

    /// <summary>The grants <see cref="SchemaModel.DefaultPrivileges"/> give a new object of <paramref name="objectType"/> in <paramref name="schema"/>.</summary>
    public ImmutableHashSet<Grant> DefaultGrants(string objectType, string schema)
    {
        var defaults = Model.DefaultPrivileges;
        if (_defaultGrants is not { } cached || !ReferenceEquals(cached.Defaults, defaults) || cached.ObjectType != objectType || cached.Schema != schema)
        {
            cached = (defaults, objectType, schema, Grants.DefaultGrantsOf(defaults, objectType, schema));
            _defaultGrants = cached;
        }

        return cached.Grants;
    }

    /// <summary>An enum's labels as a set, for asking whether a label is there.</summary>
    public IReadOnlySet<string> EnumLabels(ImmutableList<string> labels)
    {
        if (!ReferenceEquals(labels, _enumLabels) || _enumLabelSet is null)
        {
            _enumLabelSet = new HashSet<string>(labels, StringComparer.Ordinal);
            _enumLabels = labels;
        }

        return _enumLabelSet;
    }

    /// <summary>Keeps <see cref="EnumLabels"/> in step when <paramref name="label"/> was added to <paramref name="before"/>, making <paramref name="after"/>.</summary>
    public void EnumLabelAdded(ImmutableList<string> before, ImmutableList<string> after, string label)
    {
        if (ReferenceEquals(before, _enumLabels) && _enumLabelSet is not null)
        {
            _enumLabelSet.Add(label);
            _enumLabels = after;
        }
    }

    /// <summary>The schema an unqualified CREATE puts an object in: the first of the search path (public when empty).</summary>
    public string CreationSchema
    {
        get
        {
            for (var i = 0; i < SearchPath.Count; i++)
            {
                if (SearchPath[i] is not ("pg_catalog" or "pg_temp"))
                {
                    return SearchPath[i];
                }
            }

            return "public";
        }
    }

    public void Report(RuleDescriptor rule, string message, PgNode? at = null)
    {
        if (!Reporting || Migration?.Source is null || Statement is null)
        {
            return;
        }

        var span = at is { } node && node.Location is { } location && location >= Statement.Location && location < Statement.Location + Statement.Length
            ? Migration.Source.SpanOf(location, 0)
            : Statement.Span;
        _diagnostics.Add(new MigrationDiagnostic(rule, rule.DefaultSeverity, Migration.File.Path, span, message));
    }

    public void Unmodeled(string message, PgNode? at = null) => Report(SchemaDiagnostics.UnmodeledStatement, message, at);

    /// <summary>The name a RangeVar creates: qualified, or in the creation schema (pg_temp for temporary tables).</summary>
    public ObjectName NameToCreate(PgNode rangeVar) =>
        new(rangeVar.GetString("schemaname") ?? (rangeVar.GetString("relpersistence") == "t" ? "pg_temp" : CreationSchema), rangeVar.GetString("relname") ?? string.Empty);

    /// <summary>The name a list of String nodes creates (<c>[schema,] name</c>).</summary>
    public ObjectName NameToCreate(IEnumerable<PgNode> names)
    {
        var parts = Strings(names);
        return parts.Count >= 2 ? new ObjectName(parts[^2], parts[^1]) : new ObjectName(CreationSchema, parts.LastOrDefault() ?? string.Empty);
    }

    /// <summary>An existing table or view named by a RangeVar, or null when the model does not know it.</summary>
    public ObjectName? Relation(PgNode rangeVar) =>
        rangeVar.GetString("relname") is { } name ? Relation(rangeVar.GetString("schemaname"), name) : null;

    public ObjectName? Relation(string? schema, string name) => Model.FindRelation(schema, name, SearchPath);

    /// <summary>An existing relation from a name list (<c>[schema,] name</c>).</summary>
    public ObjectName? Relation(IReadOnlyList<string> parts) =>
        parts.Count == 0 ? null : Relation(parts.Count >= 2 ? parts[^2] : null, parts[^1]);

    /// <summary>An existing enum, composite or domain from a name list, or null.</summary>
    public ObjectName? UserType(IReadOnlyList<string> parts)
    {
        if (parts.Count == 0)
        {
            return null;
        }

        if (parts.Count >= 2)
        {
            var qualified = new ObjectName(parts[^2], parts[^1]);
            return Model.HasType(qualified) ? qualified : null;
        }

        return Model.ResolveType(parts[^1], SearchPath);
    }

    /// <summary>Resolves a TypeName node (what a column, cast or parameter declares) the way the server would.</summary>
    public TypeRef Type(PgNode typeName)
    {
        var parts = Strings(typeName.List("names"));
        var dimensions = typeName.List("arrayBounds").Count;

        var modifier = Modifier(typeName);
        if (typeName.GetBool("pct_type"))
        {
            // table.column%TYPE
            var relation = parts.Count >= 2 ? Relation(parts.Take(parts.Count - 1).ToList()) : null;
            var column = relation is { } r ? Model.ColumnsOf(r)?.FirstOrDefault(c => c.Name == parts[^1]) : null;
            return column?.Type ?? new TypeRef(new ObjectName(string.Empty, string.Join(".", parts) + "%TYPE"), 0, null, IsResolved: false);
        }

        return Type(parts, dimensions, modifier);
    }

    public TypeRef Type(IReadOnlyList<string> parts, int dimensions, string? modifier)
    {
        if (parts.Count == 0)
        {
            return new TypeRef(new ObjectName(string.Empty, "unknown"), dimensions, modifier, IsResolved: false);
        }

        var name = parts[^1];
        var schema = parts.Count >= 2 ? parts[^2] : null;
        if (schema is null or BuiltInTypes.Catalog && BuiltInTypes.Canonical(name) is { } builtIn)
        {
            return new TypeRef(new ObjectName(BuiltInTypes.Catalog, builtIn), dimensions, modifier);
        }

        if (schema is not null)
        {
            var qualified = new ObjectName(schema, name);
            var known = Model.HasType(qualified) || (BuiltInTypes.ExtensionOf(name) is { } ext && Model.Extensions.TryGetValue(ext, out var e) && e.Schema == schema);
            return new TypeRef(qualified, dimensions, modifier, known);
        }

        if (Model.ResolveType(name, SearchPath) is { } user)
        {
            return new TypeRef(user, dimensions, modifier);
        }

        if (BuiltInTypes.ExtensionOf(name) is { } extension && Model.Extensions.TryGetValue(extension, out var installed))
        {
            return new TypeRef(new ObjectName(installed.Schema, name), dimensions, modifier);
        }

        return new TypeRef(new ObjectName(string.Empty, name), dimensions, modifier, IsResolved: false);
    }

    public static List<string> Strings(IEnumerable<PgNode> nodes)
    {
        var strings = new List<string>();
        foreach (var node in nodes)
        {
            strings.Add(node.StringValue ?? string.Empty);
        }

        return strings;
    }

    /// <summary>The type modifiers as written (<c>255</c>, <c>10,2</c>), or null.</summary>
    private static string? Modifier(PgNode typeName)
    {
        string? modifier = null;
        foreach (var value in typeName.List("typmods"))
        {
            if (value.Is("A_Const"))
            {
                var text = value.Child("ival").GetInt("ival").ToString(CultureInfo.InvariantCulture);
                modifier = modifier is null ? text : modifier + "," + text;
            }
        }

        return modifier;
    }

    /// <summary>Role names of RoleSpec nodes: <c>public</c> for PUBLIC.</summary>
    public static ImmutableList<string> Roles(IEnumerable<PgNode> roleSpecs)
    {
        var roles = ImmutableList.CreateBuilder<string>();
        foreach (var roleSpec in roleSpecs)
        {
            roles.Add(RoleName(roleSpec));
        }

        return roles.ToImmutable();
    }

    public static string RoleName(PgNode roleSpec) => roleSpec.GetString("roletype") switch
    {
        "ROLESPEC_PUBLIC" => "public",
        "ROLESPEC_CURRENT_USER" => "current_user",
        "ROLESPEC_SESSION_USER" => "session_user",
        "ROLESPEC_CURRENT_ROLE" => "current_role",
        _ => roleSpec.GetString("rolename") ?? "public",
    };
}

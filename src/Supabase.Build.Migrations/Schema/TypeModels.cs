using System.Collections.Immutable;

namespace Supabase.Build.Migrations.Schema;

/// <summary>An enum type and its labels in sort order (ALTER TYPE ... ADD VALUE BEFORE/AFTER and RENAME VALUE applied).</summary>
public sealed record EnumModel(ObjectName Name, ImmutableList<string> Labels, string? Comment = null, SchemaSource? Source = null);

/// <summary>A composite type (CREATE TYPE ... AS (...)) and its attributes in order.</summary>
public sealed record CompositeTypeModel(ObjectName Name, ImmutableList<ColumnModel> Attributes, string? Comment = null, SchemaSource? Source = null);

/// <summary>A domain over a base type, with its NOT NULL, default and CHECK constraints.</summary>
public sealed record DomainModel(
    ObjectName Name,
    TypeRef BaseType,
    bool NotNull = false,
    SqlExpression? Default = null,
    ImmutableList<SqlExpression>? Checks = null,
    string? Comment = null,
    SchemaSource? Source = null)
{
    public ImmutableList<SqlExpression> Checks { get; init; } = Checks ?? ImmutableList<SqlExpression>.Empty;
}

/// <summary>A schema, and the privileges on it.</summary>
public sealed record SchemaObjectModel(string Name, ImmutableHashSet<Grant>? Grants = null, string? Comment = null, SchemaSource? Source = null)
{
    public ImmutableHashSet<Grant> Grants { get; init; } = Grants ?? ImmutableHashSet<Grant>.Empty;
}

/// <summary>An installed extension and the schema its objects went to.</summary>
public sealed record ExtensionModel(string Name, string Schema, SchemaSource? Source = null);

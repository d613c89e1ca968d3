using System.Collections.Immutable;

namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// An index (the name's schema is its table's). <see cref="Columns"/> holds one entry per key: the column name, or
/// null for an expression key. <see cref="ConstraintName"/> is set when a PRIMARY KEY or UNIQUE constraint owns it.
/// </summary>
public sealed record IndexModel(
    ObjectName Name,
    ObjectName Table,
    ImmutableList<string?> Columns,
    bool IsUnique = false,
    bool IsPrimary = false,
    string Method = "btree",
    SqlExpression? Predicate = null,
    string? ConstraintName = null,
    SchemaSource? Source = null);

using System.Collections.Immutable;

namespace Supabase.Build.Migrations.Schema;

public enum ConstraintKind
{
    PrimaryKey,
    ForeignKey,
    Unique,
    Check,
    Exclusion,
}

/// <summary>What a foreign key points at, and its ON DELETE / ON UPDATE actions (<c>a</c> no action, <c>r</c> restrict, <c>c</c> cascade, <c>n</c> set null, <c>d</c> set default).</summary>
public sealed record ForeignKeyTarget(ObjectName Table, ImmutableList<string> Columns, char OnDelete = 'a', char OnUpdate = 'a');

/// <summary>
/// A table constraint. <see cref="IsValidated"/> is false from ADD ... NOT VALID until VALIDATE CONSTRAINT.
/// <see cref="Columns"/> are the constrained columns (empty for a CHECK, whose columns are in its expression).
/// For a foreign key whose referenced columns were left out (REFERENCES t), <see cref="ForeignKeyTarget.Columns"/>
/// is the referenced table's primary key when the model knows it.
/// </summary>
public sealed record ConstraintModel(
    string Name,
    ConstraintKind Kind,
    ImmutableList<string> Columns,
    bool IsValidated = true,
    ForeignKeyTarget? References = null,
    SqlExpression? Expression = null,
    string? IndexName = null,
    SchemaSource? Source = null);

using System.Collections.Immutable;

namespace Supabase.Build.Migrations.Schema;

public enum TableKind
{
    Table,
    PartitionedTable,
    ForeignTable,
}

/// <summary>
/// A table: its columns in order, constraints, RLS flags, policies, triggers and grants, its COMMENT, and where the
/// history created it. Indexes are kept by the model (an index is dropped by its own name).
/// </summary>
public sealed record TableModel(
    ObjectName Name,
    ImmutableList<ColumnModel> Columns,
    ImmutableList<ConstraintModel> Constraints,
    TableKind Kind = TableKind.Table,
    bool IsTemporary = false,
    bool RowLevelSecurity = false,
    bool ForceRowLevelSecurity = false,
    ImmutableList<PolicyModel>? Policies = null,
    ImmutableList<TriggerModel>? Triggers = null,
    ImmutableHashSet<Grant>? Grants = null,
    string? Comment = null,
    SchemaSource? Source = null)
{
    public ImmutableList<PolicyModel> Policies { get; init; } = Policies ?? ImmutableList<PolicyModel>.Empty;

    public ImmutableList<TriggerModel> Triggers { get; init; } = Triggers ?? ImmutableList<TriggerModel>.Empty;

    public ImmutableHashSet<Grant> Grants { get; init; } = Grants ?? ImmutableHashSet<Grant>.Empty;

    public ColumnModel? Column(string name)
    {
        foreach (var column in Columns)
        {
            if (column.Name == name)
            {
                return column;
            }
        }

        return null;
    }

    public ConstraintModel? PrimaryKey
    {
        get
        {
            foreach (var constraint in Constraints)
            {
                if (constraint.Kind == ConstraintKind.PrimaryKey)
                {
                    return constraint;
                }
            }

            return null;
        }
    }

    public IEnumerable<ConstraintModel> ForeignKeys => Constraints.Where(c => c.Kind == ConstraintKind.ForeignKey);

    /// <summary>True when a foreign key of this table points at <paramref name="table"/>.</summary>
    public bool ReferencesTable(ObjectName table)
    {
        // By index: a table has a handful of constraints, and a DROP asks every table (no enumerator to set up).
        for (var i = 0; i < Constraints.Count; i++)
        {
            if (Constraints[i].References is { } target && target.Table == table)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a column has the named type (an enum, composite or domain).</summary>
    public bool HasColumnOfType(ObjectName type)
    {
        foreach (var column in Columns)
        {
            if (column.Type.Name == type)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the column is part of the primary key (and so NOT NULL).</summary>
    public bool IsPrimaryKeyColumn(string column) => PrimaryKey?.Columns.Contains(column) == true;

    public TableModel WithColumn(string name, Func<ColumnModel, ColumnModel> change)
    {
        var index = 0;
        foreach (var column in Columns)
        {
            if (column.Name == name)
            {
                return this with { Columns = Columns.SetItem(index, change(column)) };
            }

            index++;
        }

        return this;
    }
}

using System.Collections.Immutable;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// A view or materialized view: its columns (types derived from the query offline, exact from a live database;
/// a column whose type could not be derived has <see cref="ColumnModel.Type"/> unresolved, see SB0005), the query's
/// parse tree, the relations it reads, its options (security_invoker, security_barrier) and grants.
/// </summary>
public sealed record ViewModel(
    ObjectName Name,
    ImmutableList<ColumnModel> Columns,
    bool IsMaterialized,
    PgNode Query,
    ImmutableList<ObjectName> ReadsFrom,
    ImmutableDictionary<string, string> Options,
    ImmutableHashSet<Grant>? Grants = null,
    string? Comment = null,
    SchemaSource? Source = null)
{
    public ImmutableHashSet<Grant> Grants { get; init; } = Grants ?? ImmutableHashSet<Grant>.Empty;

    /// <summary>WITH (security_invoker = true): the view checks the caller's privileges and RLS, not its owner's.</summary>
    public bool IsSecurityInvoker => Options.TryGetValue("security_invoker", out var value) && value is "true" or "on" or "1" or "yes";

    public ViewModel WithColumn(string name, Func<ColumnModel, ColumnModel> change)
    {
        var index = Columns.FindIndex(c => c.Name == name);
        return index < 0 ? this : this with { Columns = Columns.SetItem(index, change(Columns[index])) };
    }
}

using Supabase.Build.Migrations.Rules.Advisors;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Advising;

/// <summary>
/// Where the local migrations made each object, by kind and name: a live database's findings are placed at the file
/// and line that created the same object offline.
/// </summary>
public sealed class SchemaSourceIndex
{
    private readonly Dictionary<(SchemaObjectKind, string), SchemaSource> _sources = new();

    public SchemaSourceIndex(SchemaModel offline)
    {
        foreach (var table in offline.Tables.Values)
        {
            Add(SchemaObjectRef.Of(table));
            foreach (var policy in table.Policies)
            {
                Add(SchemaObjectRef.Of(policy));
            }

            foreach (var constraint in table.Constraints)
            {
                Add(SchemaObjectRef.Of(table, constraint));
            }
        }

        foreach (var view in offline.Views.Values)
        {
            Add(SchemaObjectRef.Of(view));
        }

        foreach (var function in offline.Functions.Values)
        {
            Add(SchemaObjectRef.Of(function));
        }

        foreach (var index in offline.Indexes.Values)
        {
            Add(SchemaObjectRef.Of(index));
        }

        foreach (var extension in offline.Extensions.Values)
        {
            Add(SchemaObjectRef.Of(extension));
        }
    }

    /// <summary>The object with its local source filled in when it has none and the migrations made one like it.</summary>
    public SchemaObjectRef Locate(SchemaObjectRef target) =>
        target.Source is null && _sources.TryGetValue((target.Kind, target.Name), out var source) ? target with { Source = source } : target;

    private void Add(SchemaObjectRef target)
    {
        if (target.Source is not null)
        {
            _sources[(target.Kind, target.Name)] = target.Source;
        }
    }
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2010: a foreign key whose columns are not the leading columns of an index on its table. Every DELETE or key
/// UPDATE on the referenced table then scans the referencing table to check or cascade, and joins along the key
/// scan too. An index covers the key when its first n keys are the key's n columns in any order (the checks are
/// equalities on all of them); a partial index does not, as it leaves rows out. splinter's twin is
/// unindexed_foreign_keys (which asks for the exact columns; leading ones serve as well).
/// </summary>
public sealed class SB2010UnindexedForeignKey : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2010", "unindexed-foreign-key", DiagnosticSeverity.Info,
        "Index the columns of every foreign key");

    public void Check(SchemaRuleContext context)
    {
        // Grouped once: asking the model per table scans every index of the schema each time.
        var indexesByTable = context.Schema.Indexes.Values.Where(i => i.Predicate is null).ToLookup(i => i.Table);
        foreach (var table in context.ProjectTables)
        {
            var indexes = indexesByTable[table.Name];
            foreach (var key in table.ForeignKeys)
            {
                if (key.Columns.Count == 0 || indexes.Any(i => Covers(i, key)))
                {
                    continue;
                }

                var columns = string.Join(", ", key.Columns.Select(SqlIdentifier.Quote));
                context.Report(
                    SchemaObjectRef.Of(table, key),
                    $"foreign key {SqlIdentifier.Quote(key.Name)} on {table.Name} ({columns}) has no index that leads with its columns: deletes and key updates on {key.References?.Table.ToString() ?? "the referenced table"} scan {table.Name}, and so do joins along the key; add 'create index on {table.Name} ({columns});'");
            }
        }
    }

    private static bool Covers(IndexModel index, ConstraintModel key) =>
        index.Columns.Count >= key.Columns.Count
        && index.Columns.Take(key.Columns.Count).All(c => c is not null && key.Columns.Contains(c))
        && index.Columns.Take(key.Columns.Count).Distinct().Count() == key.Columns.Count;
}

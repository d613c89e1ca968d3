using System.Text;
using System.Text.Json;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2016: two indexes on one table with the same key columns in the same order, access method, uniqueness and
/// predicate. Every write maintains both and the planner uses one. The one reported is the one to drop: an index
/// no constraint owns before a primary key's or unique constraint's, then the later one in the history, then (on a
/// live database, which keeps no history) the later name. Indexes with expression keys are left out, as the model
/// does not keep the expressions. Predicates compare by parse tree. splinter's twin is duplicate_index.
/// </summary>
public sealed class SB2016DuplicateIndex : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2016", "duplicate-index", DiagnosticSeverity.Warning,
        "Drop indexes that duplicate another index");

    public void Check(SchemaRuleContext context)
    {
        var project = context.ProjectTables.Select(t => t.Name).ToHashSet();
        var groups = context.Schema.Indexes.Values
            .Where(i => project.Contains(i.Table) && i.Columns.All(c => c is not null))
            .GroupBy(i => (i.Table, Columns: string.Join("\u0001", i.Columns), i.Method, i.IsUnique, Predicate: Canonical(i.Predicate)));
        foreach (var group in groups)
        {
            var ordered = group.OrderBy(i => i.ConstraintName is null).ThenBy(i => i, SourceOrder.Instance).ToList();
            var kept = ordered[0];
            foreach (var duplicate in ordered.Skip(1))
            {
                var drop = duplicate.ConstraintName is null
                    ? $"drop index {duplicate.Name};"
                    : $"alter table {duplicate.Table} drop constraint {SqlIdentifier.Quote(duplicate.ConstraintName)};";
                context.Report(
                    SchemaObjectRef.Of(duplicate),
                    $"index {duplicate.Name} duplicates {kept.Name} on {duplicate.Table}: every write maintains both and queries use one; '{drop}'");
            }
        }
    }

    /// <summary>The predicate's parse tree without source locations (the same condition written twice compares equal).</summary>
    private static string Canonical(SqlExpression? predicate)
    {
        if (predicate is null || predicate.Node.IsMissing)
        {
            return string.Empty;
        }

        var text = new StringBuilder(predicate.Node.Kind);
        Write(predicate.Node.Fields, text);
        return text.ToString();
    }

    private static void Write(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                foreach (var property in element.EnumerateObject().Where(p => p.Name != "location"))
                {
                    text.Append(property.Name).Append(':');
                    Write(property.Value, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, text);
                    text.Append(',');
                }

                text.Append(']');
                break;
            default:
                text.Append(element.GetRawText());
                break;
        }
    }

    /// <summary>Earlier in the history first (by version, then position); objects without a source last, by name.</summary>
    private sealed class SourceOrder : IComparer<IndexModel>
    {
        public static readonly SourceOrder Instance = new();

        public int Compare(IndexModel? x, IndexModel? y)
        {
            var a = x?.Source;
            var b = y?.Source;
            if (a is not null && b is not null)
            {
                var byVersion = a.Version.Length != b.Version.Length ? a.Version.Length.CompareTo(b.Version.Length) : string.CompareOrdinal(a.Version, b.Version);
                if (byVersion != 0)
                {
                    return byVersion;
                }

                var byLine = a.Span.Start.Line.CompareTo(b.Span.Start.Line);
                return byLine != 0 ? byLine : a.Span.Start.Column.CompareTo(b.Span.Start.Column);
            }

            return a is not null ? -1 : b is not null ? 1 : (x?.Name ?? default).CompareTo(y?.Name ?? default);
        }
    }
}

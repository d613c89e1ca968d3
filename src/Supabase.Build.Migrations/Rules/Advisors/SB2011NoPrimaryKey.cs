using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2011: a table the API serves without a primary key. PostgREST and pg_graphql identify rows by it (updates and
/// deletes of one row, GraphQL node ids), logical replication (Realtime, read replicas) cannot send its UPDATEs and
/// DELETEs, and duplicate rows creep in. Judged where the history ends (a key added in a later file counts).
/// splinter's twin is no_primary_key. Foreign tables cannot have one and are left out.
/// </summary>
public sealed class SB2011NoPrimaryKey : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2011", "no-primary-key", DiagnosticSeverity.Warning,
        "Give every table in an exposed schema a primary key");

    public void Check(SchemaRuleContext context)
    {
        foreach (var table in context.ExposedTables)
        {
            if (table.Kind == TableKind.ForeignTable || table.PrimaryKey is not null)
            {
                continue;
            }

            context.Report(
                SchemaObjectRef.Of(table),
                $"table {table.Name} has no primary key: the API cannot address its rows one by one, replication cannot ship its updates and deletes, and duplicates go unnoticed; add one, e.g. 'alter table {table.Name} add column id bigint generated always as identity primary key;'");
        }
    }
}

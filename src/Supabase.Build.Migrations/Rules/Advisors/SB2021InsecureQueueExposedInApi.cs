using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2021: a Supabase Queues (pgmq) table, <c>pgmq.q_&lt;queue&gt;</c> or its archive <c>pgmq.a_&lt;queue&gt;</c>, without row
/// level security that anon or authenticated may select, while the queues are served over the API (<c>pgmq_public</c>,
/// or <c>pgmq</c> itself, among the exposed schemas). The pgmq_public functions run as the caller, so the grant is all
/// that stands between the anon key and every message. splinter's twin is insecure_queue_exposed_in_api.
/// </summary>
public sealed class SB2021InsecureQueueExposedInApi : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2021", "insecure-queue-exposed-in-api", DiagnosticSeverity.Error,
        "Enable row level security on queue tables served over the API");

    public void Check(SchemaRuleContext context)
    {
        if (!context.Exposed.Names.Contains("pgmq_public") && !context.Exposed.Names.Contains("pgmq"))
        {
            return;
        }

        // The pgmq schema is the platform's, so ProjectTables leaves it out: read the model's tables directly.
        foreach (var table in context.Schema.Tables.Values.Where(t => t.Name.Schema == "pgmq" && IsQueueTable(t.Name.Name) && !t.RowLevelSecurity && ApiRoles.CanSelect(t.Grants)))
        {
            context.Report(
                SchemaObjectRef.Of(table),
                $"queue table {table.Name} is reachable over the API (the queues are exposed) and anon or authenticated may select it, without row level security: anyone with the anon key can read, and with more grants send or delete, its messages; add 'alter table {table.Name} enable row level security;' and policies for the roles that may use the queue");
        }
    }

    private static bool IsQueueTable(string name) => name.StartsWith("q_", StringComparison.Ordinal) || name.StartsWith("a_", StringComparison.Ordinal);
}

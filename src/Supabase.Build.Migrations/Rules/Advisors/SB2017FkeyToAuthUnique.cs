using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2017: a foreign key to a unique constraint or index of an auth table (auth.users(phone), say) rather than its
/// primary key. Supabase Auth owns those tables and changes their unique constraints and indexes in its own
/// migrations; a project's foreign key depending on one blocks those migrations and so Auth upgrades. The key is
/// judged by the referenced columns: PostgreSQL backs it with the primary key when they are the primary key's
/// columns, else with a unique index on them. splinter's twin is fkey_to_auth_unique.
/// </summary>
public sealed class SB2017FkeyToAuthUnique : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2017", "fkey-to-auth-unique", DiagnosticSeverity.Error,
        "Reference auth tables by their primary key only");

    public void Check(SchemaRuleContext context)
    {
        foreach (var table in context.ProjectTables)
        {
            foreach (var key in table.ForeignKeys)
            {
                if (key.References is not { Table.Schema: "auth" } target || target.Columns.Count == 0)
                {
                    continue;
                }

                var primary = context.Schema.Table(target.Table)?.PrimaryKey?.Columns;
                if (primary is not null && primary.Count == target.Columns.Count && primary.All(target.Columns.Contains))
                {
                    continue;
                }

                var columns = string.Join(", ", target.Columns.Select(SqlIdentifier.Quote));
                context.Report(
                    SchemaObjectRef.Of(table, key),
                    $"foreign key {SqlIdentifier.Quote(key.Name)} on {table.Name} references {target.Table} ({columns}), a unique constraint the auth schema owns rather than its primary key: Supabase Auth cannot change that constraint, which blocks its upgrades; drop the foreign key ('alter table {table.Name} drop constraint {SqlIdentifier.Quote(key.Name)};') and reference {target.Table} by its primary key instead");
            }
        }
    }
}

using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// TRUNCATE ... CASCADE also empties every table that references the truncated ones by foreign key, and the tables
/// referencing those, silently. Name every table to truncate instead. Checked in DO blocks and function bodies too.
/// </summary>
public sealed class SB1021BanTruncateCascade : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1021", "ban-truncate-cascade", DiagnosticSeverity.Error,
        "Do not TRUNCATE ... CASCADE", SquawkName: "ban-truncate-cascade");

    private static readonly string[] Keywords = { "truncate" };

    public void Check(StatementContext context)
    {
        foreach (var statement in context.StatementsWithBodiesMentioning(Keywords))
        {
            if (!statement.Node.Is("TruncateStmt") || statement.Node.GetString("behavior") != "DROP_CASCADE")
            {
                continue;
            }

            var tables = string.Join(", ", statement.Node.List("relations").Select(Sql.RelationName));
            context.Report(
                statement.Span,
                $"TRUNCATE {tables} CASCADE{statement.Where} also empties every table that references {tables} by foreign key, and the ones referencing those; list the tables to empty and drop CASCADE");
        }
    }
}

using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>DROP DATABASE in a migration deletes everything in it; no migration should do that.</summary>
public sealed class SB1019BanDropDatabase : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1019", "ban-drop-database", DiagnosticSeverity.Error,
        "Do not drop databases in a migration", SquawkName: "ban-drop-database");

    private static readonly string[] Keywords = { "drop" };

    public void Check(StatementContext context)
    {
        foreach (var statement in context.StatementsWithBodiesMentioning(Keywords))
        {
            if (!statement.Node.Is("DropdbStmt"))
            {
                continue;
            }

            context.Report(
                statement.Span,
                $"DROP DATABASE {statement.Node.GetString("dbname")}{statement.Where} deletes the database and everything in it; do this by hand, deliberately, never from a migration");
        }
    }
}

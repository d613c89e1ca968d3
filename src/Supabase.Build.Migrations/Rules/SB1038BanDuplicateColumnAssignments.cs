using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Embedded;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// UPDATE ... SET a = 1, a = 2 (also in ON CONFLICT DO UPDATE), or INSERT INTO t (a, a): PostgreSQL rejects the
/// statement ("multiple assignments to same column"). In a function body that error waits until the function is
/// called, in production; so bodies and DO blocks are checked too.
/// </summary>
public sealed class SB1038BanDuplicateColumnAssignments : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1038", "ban-duplicate-column-assignments", DiagnosticSeverity.Error,
        "Assign each column once", SquawkName: "ban-duplicate-column-assignments");

    public void Check(StatementContext context)
    {
        if (EmbeddedStatements.HasBodies(context.Statement.Node)
            && !AssignmentLists.MayRepeatInBodies(context.Parser, context.Source.Utf8.AsSpan(context.Statement.Location, context.Statement.Length)))
        {
            return; // no SET or column list in the bodies can name a column twice: no need to parse them
        }

        foreach (var statement in context.StatementsWithBodiesMentioning(Keywords))
        {
            var node = statement.Node;
            switch (node.Kind)
            {
                case "UpdateStmt":
                    Check(context, statement, node.List("targetList"));
                    break;
                case "InsertStmt":
                    Check(context, statement, node.List("cols"));
                    Check(context, statement, node.Child("onConflictClause").List("targetList"));
                    break;
            }
        }
    }

    private static readonly string[] Keywords = { "update", "insert" };

    private static void Check(StatementContext context, Embedded.EmbeddedStatement statement, IEnumerable<PgNode> targets)
    {
        var names = new List<string>();
        foreach (var target in targets)
        {
            if (target.GetString("name") is { } name)
            {
                names.Add(name);
            }
        }

        // Each name assigned more than once, in the order of its first assignment.
        List<string>? duplicates = null;
        for (var i = 0; i < names.Count; i++)
        {
            if (names.IndexOf(names[i], 0, i) < 0 && names.IndexOf(names[i], i + 1) > 0)
            {
                (duplicates ??= new()).Add(names[i]);
            }
        }

        if (duplicates is not null)
        {
            context.Report(
                statement.Span,
                $"column {string.Join(", ", duplicates.Select(d => $"'{d}'"))} is assigned more than once{statement.Where}; PostgreSQL rejects this (multiple assignments to same column){(statement.Container is null ? "" : ", when the code runs")}; keep one assignment");
        }
    }
}

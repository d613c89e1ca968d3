using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// Cheap facts about a whole migration history, gathered from the parse trees in one pass, that tell rules when the
/// full schema replay (costly: every statement of every file, in order) cannot change their answer and can be
/// skipped. Today: which columns some migration guards with <c>CHECK (column IS NOT NULL)</c>.
/// </summary>
public sealed class HistoryFacts
{
    private readonly HashSet<(string Table, string Column)> _notNullChecks = new();

    public static HistoryFacts Of(IEnumerable<ParsedMigration> migrations)
    {
        var facts = new HistoryFacts();
        foreach (var statement in migrations.SelectMany(m => m.Statements))
        {
            var node = statement.Node;
            if (!node.Is("AlterTableStmt") || node.Child("relation").GetString("relname") is not { } table)
            {
                continue;
            }

            foreach (var check in node.List("cmds").Where(c => c.GetString("subtype") == "AT_AddConstraint").Select(c => c.Child("def"))
                         .Where(c => c.GetString("contype") == "CONSTR_CHECK"))
            {
                foreach (var test in check.Child("raw_expr").DescendantsAndSelf().Where(n => n.Is("NullTest") && n.GetString("nulltesttype") == "IS_NOT_NULL"))
                {
                    if (test.Child("arg").List("fields").LastOrDefault().StringValue is { } column)
                    {
                        facts._notNullChecks.Add((table, column));
                    }
                }
            }
        }

        return facts;
    }

    /// <summary>True when some migration adds a CHECK with <c>column IS NOT NULL</c> to a table of that name.</summary>
    public bool MayHaveNotNullCheck(string table, string column) => _notNullChecks.Contains((table, column));
}

using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// Cheap facts about a whole migration history, gathered from the parse trees in one pass, that tell rules when the
/// full schema replay (costly: every statement of every file, in order) cannot change their answer and can be
/// skipped. Today: which columns some migration guards with <c>CHECK (column IS NOT NULL)</c>. Also which migration
/// versions a folder holds, listed once per lint rather than once per fix that needs a free version.
/// </summary>
public sealed class HistoryFacts
{
    private readonly HashSet<(string Table, string Column)> _notNullChecks = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<HashSet<string>>> _versionsByFolder = new(StringComparer.Ordinal);

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

    /// <summary>
    /// True when <paramref name="directory"/> has a <c>&lt;version&gt;_*.sql</c> file other than
    /// <paramref name="except"/> (a file name suffix): the folder is listed once per lint.
    /// </summary>
    public bool HasVersion(string directory, string version, string except)
    {
        var versions = _versionsByFolder.GetOrAdd(directory + "\0" + except, _ => new Lazy<HashSet<string>>(() => Versions(directory, except))).Value;
        return versions.Contains(version);
    }

    private static HashSet<string> Versions(string directory, string except) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*_*.sql")
                .Select(Path.GetFileName)
                .Where(name => name is not null && !name.EndsWith(except, StringComparison.Ordinal))
                .Select(name => name![..name!.IndexOf('_', StringComparison.Ordinal)])
                .ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
}

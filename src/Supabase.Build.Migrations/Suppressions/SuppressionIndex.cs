using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Suppressions;

/// <summary>
/// Which rules the comments of one migration file switch off, for the file and per statement, and which of those
/// comments ended up switching nothing off (for SB1040 unused-suppression).
/// </summary>
public sealed class SuppressionIndex
{
    private readonly List<Entry> _fileLevel = new();
    private readonly Dictionary<int, List<Entry>> _byStatement = new();

    public SuppressionIndex(ParsedMigration migration)
    {
        if (migration.Source is null)
        {
            return;
        }

        foreach (var token in migration.Tokens.Where(t => t.IsComment))
        {
            if (SuppressionComment.TryParse(migration.Source.Slice(token.Start, token.End - token.Start)) is { IsFileLevel: true } fileLevel)
            {
                _fileLevel.Add(new Entry(fileLevel, token, null));
            }
        }

        foreach (var statement in migration.Statements)
        {
            var own = new List<Entry>();
            foreach (var comment in statement.LeadingComments)
            {
                if (SuppressionComment.TryParse(migration.Source.Slice(comment.Start, comment.End - comment.Start)) is { IsFileLevel: false } parsed)
                {
                    own.Add(new Entry(parsed, comment, statement));
                }
            }

            if (own.Count > 0)
            {
                _byStatement[statement.Index] = own;
            }
        }
    }

    /// <summary>True when the file has no suppression comment at all (the common case: nothing to look up).</summary>
    public bool IsEmpty => _fileLevel.Count == 0 && _byStatement.Count == 0;

    /// <summary>True when a comment switches <paramref name="rule"/> off for the statement (null: for the file).</summary>
    public bool IsSuppressed(RuleDescriptor rule, MigrationStatement? statement) =>
        _fileLevel.Any(s => s.Comment.Covers(rule))
        || (statement is not null && _byStatement.TryGetValue(statement.Index, out var own) && own.Any(s => s.Comment.Covers(rule)));

    /// <summary>
    /// Like <see cref="IsSuppressed"/>, for a finding that was made: the comments that cover it are marked as used.
    /// </summary>
    public bool Suppresses(RuleDescriptor rule, MigrationStatement? statement)
    {
        var suppressed = false;
        if (statement is not null && _byStatement.TryGetValue(statement.Index, out var own))
        {
            foreach (var entry in own.Where(e => e.Comment.Covers(rule)))
            {
                entry.Used = suppressed = true;
            }
        }

        foreach (var entry in _fileLevel.Where(e => e.Comment.Covers(rule)))
        {
            entry.Used = suppressed = true;
        }

        return suppressed;
    }

    /// <summary>
    /// The comments that switched nothing off although every rule they name ran (<paramref name="ran"/>), and those of
    /// ours that name no rule at all (a typo). squawk's comments naming a rule this tool does not have are left alone.
    /// </summary>
    public IEnumerable<(PgToken Comment, string Reason)> Unused(IReadOnlyCollection<RuleDescriptor> ran, IEnumerable<RuleDescriptor> known)
    {
        var catalogue = known.ToList();
        foreach (var entry in _fileLevel.Concat(_byStatement.Values.SelectMany(e => e)).OrderBy(e => e.Token.Start))
        {
            if (entry.Used)
            {
                continue;
            }

            var unknown = entry.Comment.Rules.Where(name => !catalogue.Any(rule => rule.IsNamedBy(name))).ToList();
            if (unknown.Count > 0)
            {
                if (!entry.Comment.IsSquawk)
                {
                    yield return (entry.Token, $"names no rule of supabase-build: {string.Join(", ", unknown)}");
                }

                continue;
            }

            var allRan = entry.Comment.Rules.Count == 0 || entry.Comment.Rules.All(name => ran.Any(rule => rule.IsNamedBy(name)));
            if (allRan)
            {
                var what = entry.Comment.IsFileLevel ? "in this file" : "on the statement after it";
                yield return (entry.Token, $"suppresses nothing: {(entry.Comment.Rules.Count == 0 ? "no rule" : string.Join(", ", entry.Comment.Rules))} reports nothing {what}");
            }
        }
    }

    private sealed class Entry(SuppressionComment comment, PgToken token, MigrationStatement? statement)
    {
        public SuppressionComment Comment { get; } = comment;

        public PgToken Token { get; } = token;

        public MigrationStatement? Statement { get; } = statement;

        public bool Used { get; set; }
    }
}

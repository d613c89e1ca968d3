using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Parsing;

namespace Supabase.Build.Migrations.Suppressions;

/// <summary>Which rules the comments of one migration file switch off, for the file and per statement.</summary>
public sealed class SuppressionIndex
{
    private readonly List<SuppressionComment> _fileLevel = new();
    private readonly Dictionary<int, List<SuppressionComment>> _byStatement = new();

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
                _fileLevel.Add(fileLevel);
            }
        }

        foreach (var statement in migration.Statements)
        {
            var own = statement.LeadingComments
                .Select(c => SuppressionComment.TryParse(migration.Source.Slice(c.Start, c.End - c.Start)))
                .Where(s => s is { IsFileLevel: false })
                .Select(s => s!)
                .ToList();
            if (own.Count > 0)
            {
                _byStatement[statement.Index] = own;
            }
        }
    }

    /// <summary>True when a comment switches <paramref name="rule"/> off for the statement (null: for the file).</summary>
    public bool IsSuppressed(RuleDescriptor rule, MigrationStatement? statement) =>
        _fileLevel.Any(s => s.Covers(rule))
        || (statement is not null && _byStatement.TryGetValue(statement.Index, out var own) && own.Any(s => s.Covers(rule)));
}

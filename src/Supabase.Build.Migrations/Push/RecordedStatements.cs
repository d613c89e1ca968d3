using System.Text;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Push;

/// <summary>
/// The <c>statements</c> column of <c>supabase_migrations.schema_migrations</c>, as the Supabase CLI fills it: one entry
/// per statement, the text from the previous statement's semicolon to this one's (so comments before a statement
/// belong to it), whitespace trimmed, without the semicolon. Ours come from the real parser's statement boundaries;
/// a comment after the last statement is not a statement and is not recorded.
/// </summary>
public static class RecordedStatements
{
    /// <summary>The history form of every statement of <paramref name="migration"/>, in order.</summary>
    public static IReadOnlyList<string> Of(ParsedMigration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        if (migration.Source is null)
        {
            return Array.Empty<string>();
        }

        var source = migration.Source;
        var semicolons = migration.Tokens.Where(t => t.Kind == PgTokenKind.Semicolon).ToList();
        var result = new List<string>(migration.Statements.Count);
        var next = 0; // index into semicolons
        foreach (var statement in migration.Statements)
        {
            var start = 0;
            while (next < semicolons.Count && semicolons[next].End <= statement.Location)
            {
                start = semicolons[next].End;
                next++;
            }

            var statementEnd = statement.Location + statement.Length;
            while (next < semicolons.Count && semicolons[next].Start < statementEnd)
            {
                next++; // semicolons inside the statement (BEGIN ATOMIC bodies, rule actions)
            }

            var end = next < semicolons.Count ? semicolons[next].Start : source.Utf8.Length;
            if (start > statement.Location)
            {
                start = statement.Location;
            }

            result.Add(source.Slice(start, Math.Max(0, end - start)).Trim());
        }

        return result;
    }

    /// <summary>
    /// Where the file first differs from what was recorded when it was applied, comparing tokens (so whitespace,
    /// comments, semicolons and the case of keywords and unquoted names do not count), or null when they agree.
    /// </summary>
    public static SourcePosition? FirstDifference(ParsedMigration migration, IReadOnlyList<string> recorded, PgParser parser)
    {
        ArgumentNullException.ThrowIfNull(migration);
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(parser);
        if (migration.Source is null)
        {
            return null;
        }

        var local = Significant(migration.Tokens, migration.Source.Utf8);
        var recordedText = Encoding.UTF8.GetBytes(string.Join("\n;\n", recorded));
        var scan = parser.Scan(recordedText);
        var remote = Significant(scan.Tokens, recordedText);

        var common = Math.Min(local.Count, remote.Count);
        for (var i = 0; i < common; i++)
        {
            if (!string.Equals(local[i].Text, remote[i].Text, StringComparison.Ordinal))
            {
                return migration.Source.PositionOf(local[i].Start);
            }
        }

        if (local.Count == remote.Count && scan.Error is null)
        {
            return null;
        }

        // One is a prefix of the other: the difference starts where the shorter one ends.
        return local.Count > common
            ? migration.Source.PositionOf(local[common].Start)
            : migration.Source.PositionOf(local.Count > 0 ? local[^1].End : 0);
    }

    private static List<(int Start, int End, string Text)> Significant(IReadOnlyList<PgToken> tokens, byte[] utf8)
    {
        var result = new List<(int, int, string)>(tokens.Count);
        foreach (var token in tokens)
        {
            if (token.IsComment || token.Kind == PgTokenKind.Semicolon)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(utf8, token.Start, token.End - token.Start);
            if (token.Kind == PgTokenKind.Keyword || (token.Kind == PgTokenKind.Identifier && !text.StartsWith('"')))
            {
                text = text.ToLowerInvariant();
            }

            result.Add((token.Start, token.End, text));
        }

        return result;
    }
}

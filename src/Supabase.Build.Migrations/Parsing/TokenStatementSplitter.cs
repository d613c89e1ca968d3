using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Parsing;

/// <summary>
/// Splits a token stream at top-level semicolons: the fallback when the parser rejects a file, so every other
/// statement can still be parsed and checked. (libpg_query's own scanner split drops statements that do not
/// start with a keyword, so it is not used.) Semicolons inside parentheses (CREATE RULE ... DO (a; b)) and in
/// BEGIN ATOMIC ... END bodies do not split.
/// </summary>
internal static class TokenStatementSplitter
{
    public static IReadOnlyList<(int Location, int Length)> Split(IReadOnlyList<PgToken> tokens, ReadOnlySpan<byte> utf8, int textEnd)
    {
        var ranges = new List<(int, int)>();
        var depth = 0;
        var atomicDepth = 0;
        var start = -1;
        PgToken? previous = null;
        foreach (var token in tokens)
        {
            if (token.IsComment)
            {
                continue;
            }

            if (start < 0)
            {
                start = token.Start;
            }

            var text = utf8.Slice(token.Start, token.End - token.Start);
            if (text.Length == 1 && text[0] == (byte)'(')
            {
                depth++;
            }
            else if (text.Length == 1 && text[0] == (byte)')')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (token.Kind == PgTokenKind.Keyword && previous is { Kind: PgTokenKind.Keyword } p
                     && IsWord(utf8.Slice(p.Start, p.End - p.Start), "begin"u8) && IsWord(text, "atomic"u8))
            {
                atomicDepth++;
            }
            else if (atomicDepth > 0 && token.Kind == PgTokenKind.Keyword && IsWord(text, "end"u8))
            {
                atomicDepth--;
            }
            else if (token.Kind == PgTokenKind.Semicolon && depth == 0 && atomicDepth == 0)
            {
                if (token.Start > start)
                {
                    ranges.Add((start, token.Start - start));
                }

                start = -1;
            }

            previous = token;
        }

        if (start >= 0)
        {
            ranges.Add((start, textEnd - start));
        }

        return ranges;
    }

    private static bool IsWord(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerWord)
    {
        if (text.Length != lowerWord.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] | 0x20) != lowerWord[i])
            {
                return false;
            }
        }

        return true;
    }
}

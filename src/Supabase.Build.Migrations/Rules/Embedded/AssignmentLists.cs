using System.Text;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules.Embedded;

/// <summary>
/// Reads a statement's bodies as tokens to tell whether any UPDATE ... SET list or INSERT column list in them may name a
/// column twice, so SB1038 parses a body only when it might: nearly every trigger function updates or inserts, and
/// parsing bodies is the costliest part of a lint. The answer errs one way only: false means no list in the bodies can
/// repeat a name; anything this reading cannot be sure of (dynamic SQL, a body in a plain string that holds SQL,
/// Unicode-escaped or over-long names, text the scanner rejects, bodies nested too deep) answers true. Names are
/// compared with quotes removed and letters folded, which can only make more of them equal than the server would.
/// </summary>
internal static class AssignmentLists
{
    private const int MaxDepth = 4;
    private const int MaxIdentifierBytes = 63; // longer names are cut by the server, so two may become one

    /// <summary>True when a body of the statement (a DO block, a function body) may assign a column twice.</summary>
    public static bool MayRepeatInBodies(PgParser parser, ReadOnlySpan<byte> statement) => MayRepeat(parser, statement, 0);

    private static bool MayRepeat(PgParser parser, ReadOnlySpan<byte> text, int depth)
    {
        // Beyond a few levels, or with a Unicode-escaped identifier (U&"..."), names cannot be compared as written.
        if (depth > MaxDepth || text.IndexOf("&\""u8) >= 0)
        {
            return true;
        }

        var scan = parser.Scan(text);
        if (scan.Error is not null || scan.Tokens is not PgToken[] tokens)
        {
            return true;
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Kind == PgTokenKind.StringConstant)
            {
                if (StringMayHoldRepeat(parser, text[token.Start..token.End], depth))
                {
                    return true;
                }
            }
            else if (token.Kind == PgTokenKind.Keyword)
            {
                var word = text[token.Start..token.End];
                if (Is(word, "execute"u8)
                    || (Is(word, "set"u8) && Repeats(SetTargets(text, tokens, i)))
                    || (Is(word, "insert"u8) && Repeats(InsertColumns(text, tokens, i))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A string constant: a dollar-quoted body is read in turn; a plain string that may hold such a statement counts as may.</summary>
    private static bool StringMayHoldRepeat(PgParser parser, ReadOnlySpan<byte> literal, int depth)
    {
        if (!BodyWords.MayMention(literal, "update") && !BodyWords.MayMention(literal, "insert"))
        {
            return false;
        }

        if (literal.Length > 1 && literal[0] == (byte)'$' && literal[1..].IndexOf((byte)'$') is var tagEnd and >= 0)
        {
            var tag = literal[..(tagEnd + 2)];
            if (literal.Length >= 2 * tag.Length && literal.EndsWith(tag))
            {
                return MayRepeat(parser, literal[tag.Length..^tag.Length], depth + 1);
            }
        }

        // 'INSERT' compared with TG_OP holds no statement; a list to repeat a name in needs '=' or '('.
        return literal.IndexOfAny((byte)'=', (byte)'(') >= 0;
    }

    /// <summary>The first name of each item of the SET list after token <paramref name="set"/> (all names of a (a, b) = ... item); null when unsure.</summary>
    private static List<string>? SetTargets(ReadOnlySpan<byte> text, PgToken[] tokens, int set)
    {
        var names = new List<string>();
        var nesting = 0;
        var expectTarget = true;
        for (var i = set + 1; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.IsComment)
            {
                continue;
            }

            if (token.Kind == PgTokenKind.Semicolon || (nesting == 0 && token.Kind == PgTokenKind.Keyword && IsAny(text[token.Start..token.End], "where"u8, "from"u8, "returning"u8)))
            {
                break;
            }

            if (IsChar(token, '('))
            {
                if (nesting == 0 && expectTarget)
                {
                    i = Names(text, tokens, i, names);
                    if (i < 0)
                    {
                        return null;
                    }

                    expectTarget = false;
                    continue;
                }

                nesting++;
            }
            else if (IsChar(token, ')'))
            {
                if (nesting == 0)
                {
                    break; // the end of a parenthesized statement (a CTE) that held the list
                }

                nesting--;
            }
            else if (nesting == 0 && IsChar(token, ','))
            {
                expectTarget = true;
            }
            else if (nesting == 0 && expectTarget)
            {
                if (token.Kind is PgTokenKind.Identifier or PgTokenKind.Keyword)
                {
                    if (Name(text[token.Start..token.End]) is not { } name)
                    {
                        return null;
                    }

                    names.Add(name);
                }

                expectTarget = false;
            }
        }

        return names;
    }

    /// <summary>The column list of the INSERT at token <paramref name="insert"/>: INSERT INTO name [AS alias] ( ... ); empty without one, null when unsure.</summary>
    private static List<string>? InsertColumns(ReadOnlySpan<byte> text, PgToken[] tokens, int insert)
    {
        var names = new List<string>();
        var i = Next(tokens, insert);
        if (i < 0 || !Is(text[tokens[i].Start..tokens[i].End], "into"u8))
        {
            return names; // GRANT INSERT, FOR INSERT, AFTER INSERT: not a statement, no list
        }

        i = Next(tokens, i); // the table's name, maybe qualified
        while (i >= 0 && Next(tokens, i) is var dot and >= 0 && IsChar(tokens[dot], '.'))
        {
            i = Next(tokens, dot);
        }

        i = i < 0 ? -1 : Next(tokens, i);
        if (i >= 0 && tokens[i].Kind == PgTokenKind.Keyword && Is(text[tokens[i].Start..tokens[i].End], "as"u8))
        {
            i = Next(tokens, i); // the alias
            i = i < 0 ? -1 : Next(tokens, i);
        }

        return i < 0 || !IsChar(tokens[i], '(') ? names : Names(text, tokens, i, names) < 0 ? null : names;
    }

    /// <summary>Adds the names inside the parentheses opening at <paramref name="open"/>; returns the index of the closing one, or -1 when unsure.</summary>
    private static int Names(ReadOnlySpan<byte> text, PgToken[] tokens, int open, List<string> names)
    {
        var nesting = 0;
        for (var i = open; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (IsChar(token, '('))
            {
                nesting++;
            }
            else if (IsChar(token, ')') && --nesting == 0)
            {
                return i;
            }
            else if (token.Kind is PgTokenKind.Identifier or PgTokenKind.Keyword)
            {
                if (Name(text[token.Start..token.End]) is not { } name)
                {
                    return -1;
                }

                names.Add(name);
            }
        }

        return -1;
    }

    /// <summary>A name as compared here: quotes removed, letters folded (folding more than the server does only makes more names equal).</summary>
    private static string? Name(ReadOnlySpan<byte> token)
    {
        if (token.Length > MaxIdentifierBytes)
        {
            return null;
        }

        var name = Encoding.UTF8.GetString(token[0] == (byte)'"' ? token[1..^1] : token);
        return name.ToLowerInvariant();
    }

    private static bool Repeats(List<string>? names)
    {
        if (names is null)
        {
            return true;
        }

        for (var i = 1; i < names.Count; i++)
        {
            if (names.IndexOf(names[i], 0, i) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int Next(PgToken[] tokens, int after)
    {
        for (var i = after + 1; i < tokens.Length; i++)
        {
            if (!tokens[i].IsComment)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsChar(PgToken token, char c) => token.Kind == PgTokenKind.Other && token.End - token.Start == 1 && token.RawToken == c;

    private static bool Is(ReadOnlySpan<byte> word, ReadOnlySpan<byte> lower) => Ascii.EqualsIgnoreCase(word, lower);

    private static bool IsAny(ReadOnlySpan<byte> word, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c) => Is(word, a) || Is(word, b) || Is(word, c);
}

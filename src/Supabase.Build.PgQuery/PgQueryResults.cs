namespace Supabase.Build.PgQuery;

/// <summary>A parser or scanner error. <see cref="CursorOffset"/> is a 0-based byte offset into the parsed text, if known.</summary>
public sealed record PgQueryError(string Message, int? CursorOffset);

/// <summary>One top-level statement: its node and its byte range (location and length) in the parsed text.</summary>
public sealed record PgStatement(PgNode Node, int Location, int Length);

/// <summary>The statements of a text, or the error that stopped the parser (then there are none).</summary>
public sealed record PgParseResult(IReadOnlyList<PgStatement> Statements, PgQueryError? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>Byte ranges of the statements of a text, or the error that stopped the splitter.</summary>
public sealed record PgSplitResult(IReadOnlyList<(int Location, int Length)> Statements, PgQueryError? Error);

/// <summary>The kinds of token the migration rules care about; every other token is <see cref="Other"/>.</summary>
public enum PgTokenKind
{
    Other,
    Keyword,
    Identifier,
    StringConstant,
    LineComment,
    BlockComment,
    Semicolon,
}

/// <summary>One token of the scanner, as a byte range of the scanned text.</summary>
public readonly record struct PgToken(int Start, int End, PgTokenKind Kind, int RawToken)
{
    public bool IsComment => Kind is PgTokenKind.LineComment or PgTokenKind.BlockComment;

    /// <summary>The index of the first token that starts at or after <paramref name="offset"/> (tokens in order; binary search).</summary>
    public static int FirstAtOrAfter(ReadOnlySpan<PgToken> tokens, int offset)
    {
        int low = 0, high = tokens.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (tokens[middle].Start < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

/// <summary>The tokens of a text (comments included), or the error that stopped the scanner.</summary>
public sealed record PgScanResult(IReadOnlyList<PgToken> Tokens, PgQueryError? Error);

/// <summary>The PL/pgSQL functions of a CREATE FUNCTION statement (libpg_query's JSON), or the error.</summary>
public sealed record PgPlpgsqlResult(IReadOnlyList<PgNode> Functions, PgQueryError? Error);

/// <summary>A statement's fingerprint: equal for statements that differ only in constants and formatting.</summary>
public sealed record PgFingerprintResult(ulong Value, string Hex, PgQueryError? Error);

using System.Text;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules.Embedded;

/// <summary>
/// SQL text that is parsed on its own (the migration file, a function or DO body, one statement of a PL/pgSQL
/// body) and how its byte offsets map back to the file. A fragment that is a byte-for-byte copy of the file (a
/// dollar-quoted body) maps exactly; one that was decoded (a quoted string with <c>''</c> escapes, SQL cut out of
/// PL/pgSQL) maps by line, to the first non-blank character of the line.
/// </summary>
internal sealed class SqlFragment
{
    private readonly SourceText _file;
    private readonly int _fileOffset; // where the fragment's first byte (exact) or first line (by line) is in the file
    private readonly bool _exact;
    private readonly PgParser? _scanner;
    private IReadOnlyList<PgToken>? _tokens;

    private SqlFragment(SourceText file, byte[] utf8, IReadOnlyList<PgToken>? tokens, PgParser? scanner, int fileOffset, bool exact)
    {
        _file = file;
        Utf8 = utf8;
        _tokens = tokens;
        _scanner = scanner;
        _fileOffset = fileOffset;
        _exact = exact;
    }

    public byte[] Utf8 { get; }

    /// <summary>
    /// The scanner's tokens of the fragment, comments included, in fragment offsets. Scanned on first use: most
    /// fragments (one statement of a body) never need them, and scanning is a good part of a lint's cost.
    /// </summary>
    public IReadOnlyList<PgToken> Tokens => _tokens ??= _scanner!.Scan(Utf8).Tokens;

    public static SqlFragment Of(ParsedMigration migration) =>
        new(migration.Source!, migration.Source!.Utf8, migration.Tokens, null, 0, exact: true);

    /// <summary>The text of a byte range of the fragment.</summary>
    public string Text(int start, int end) => Encoding.UTF8.GetString(Utf8, start, end - start);

    /// <summary>The file position of a byte offset in the fragment.</summary>
    public SourceSpan SpanAt(int offset) => _file.SpanOf(FileOffsetOf(offset), 0);

    /// <summary>
    /// The string constant that holds a body (<paramref name="decoded"/>, as the parser read it): the first token
    /// at or after <paramref name="from"/> (the body's own location, or the AS keyword before it). Its content maps
    /// exactly when the file holds it verbatim, by line otherwise.
    /// </summary>
    public SqlFragment Body(PgParser parser, int from, string decoded)
    {
        var utf8 = Encoding.UTF8.GetBytes(decoded);
        var index = FirstTokenAtOrAfter(from);
        while (index < Tokens.Count && (Tokens[index].IsComment || Tokens[index].Kind == PgTokenKind.Keyword))
        {
            index++;
        }

        var token = index < Tokens.Count ? Tokens[index] : default;
        if (token.Kind != PgTokenKind.StringConstant)
        {
            return new SqlFragment(_file, utf8, null, parser, FileOffsetOf(from), exact: false);
        }

        var contentStart = token.Start + OpeningQuoteLength(token);
        var verbatim = contentStart + utf8.Length <= token.End && Utf8.AsSpan(contentStart, utf8.Length).SequenceEqual(utf8);
        return new SqlFragment(_file, utf8, null, parser, FileOffsetOf(contentStart), _exact && verbatim);
    }

    /// <summary>SQL that a PL/pgSQL statement on line <paramref name="line"/> (1-based) of this body runs.</summary>
    public SqlFragment Line(PgParser parser, int line, string sql)
    {
        var utf8 = Encoding.UTF8.GetBytes(sql);
        return new SqlFragment(_file, utf8, null, parser, FirstNonBlank(AdvanceLines(_fileOffset, Math.Max(0, line - 1))), exact: false);
    }

    /// <summary>
    /// Where a parsed statement really starts: the parser's location includes the blanks and comments before it,
    /// so skip those (only whitespace and comments are skipped; no SQL is read as text).
    /// </summary>
    public int StartOf(PgStatement statement)
    {
        var bytes = Utf8.AsSpan();
        var end = Math.Min(bytes.Length, statement.Location + statement.Length);
        var at = statement.Location;
        while (at < end)
        {
            if (bytes[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f')
            {
                at++;
            }
            else if (bytes[at] == (byte)'-' && at + 1 < end && bytes[at + 1] == (byte)'-')
            {
                var newline = bytes[at..end].IndexOf((byte)'\n');
                at = newline < 0 ? end : at + newline + 1;
            }
            else if (bytes[at] == (byte)'/' && at + 1 < end && bytes[at + 1] == (byte)'*')
            {
                at = SkipBlockComment(bytes, at, end);
            }
            else
            {
                return at;
            }
        }

        return statement.Location;
    }

    /// <summary>PostgreSQL block comments nest.</summary>
    private static int SkipBlockComment(ReadOnlySpan<byte> bytes, int at, int end)
    {
        var depth = 0;
        while (at + 1 < end)
        {
            if (bytes[at] == (byte)'/' && bytes[at + 1] == (byte)'*')
            {
                depth++;
                at += 2;
            }
            else if (bytes[at] == (byte)'*' && bytes[at + 1] == (byte)'/')
            {
                at += 2;
                if (--depth == 0)
                {
                    return at;
                }
            }
            else
            {
                at++;
            }
        }

        return end;
    }

    /// <summary>
    /// Where the statements of a <c>BEGIN ATOMIC ... END</c> body within [<paramref name="start"/>, <paramref name="end"/>)
    /// begin: the first token after ATOMIC and after each semicolon outside parentheses, the closing END excluded.
    /// </summary>
    public IReadOnlyList<int> AtomicStatementStarts(int start, int end)
    {
        var starts = new List<int>();
        var inBody = false;
        var atStatementStart = false;
        var depth = 0;
        PgToken previous = default;
        for (var index = FirstTokenAtOrAfter(start); index < Tokens.Count && Tokens[index].Start < end; index++)
        {
            var token = Tokens[index];
            if (token.IsComment)
            {
                continue;
            }

            if (!inBody)
            {
                inBody = atStatementStart = IsKeyword(previous, "begin") && IsKeyword(token, "atomic");
            }
            else if (token.Kind == PgTokenKind.Semicolon && depth == 0)
            {
                atStatementStart = true;
            }
            else
            {
                if (atStatementStart)
                {
                    starts.Add(token.Start);
                    atStatementStart = false;
                }

                depth += token.RawToken == '(' ? 1 : token.RawToken == ')' ? -1 : 0;
            }

            previous = token;
        }

        if (starts.Count > 0)
        {
            starts.RemoveAt(starts.Count - 1); // the END that closes the body
        }

        return starts;
    }

    private int FirstTokenAtOrAfter(int offset)
    {
        int low = 0, high = Tokens.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (Tokens[middle].Start < offset)
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

    private bool IsKeyword(PgToken token, string word) =>
        token.Kind == PgTokenKind.Keyword
        && token.End - token.Start == word.Length
        && Encoding.ASCII.GetString(Utf8, token.Start, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase);

    private int FileOffsetOf(int offset)
    {
        if (_exact)
        {
            return _fileOffset + offset;
        }

        var lines = Utf8.AsSpan(0, Math.Clamp(offset, 0, Utf8.Length)).Count((byte)'\n');
        return lines == 0 ? _fileOffset : FirstNonBlank(AdvanceLines(_fileOffset, lines));
    }

    /// <summary>The length of <c>'</c>, <c>E'</c> or <c>$tag$</c> at the start of a string token.</summary>
    private int OpeningQuoteLength(PgToken token)
    {
        var text = Utf8.AsSpan(token.Start, token.End - token.Start);
        if (text.Length > 0 && text[0] == (byte)'$')
        {
            var close = text[1..].IndexOf((byte)'$');
            return close < 0 ? 1 : close + 2;
        }

        var quote = text.IndexOf((byte)'\'');
        return quote < 0 ? 0 : quote + 1;
    }

    private int AdvanceLines(int offset, int lines)
    {
        var utf8 = _file.Utf8;
        while (lines > 0 && offset < utf8.Length)
        {
            var newline = utf8.AsSpan(offset).IndexOf((byte)'\n');
            if (newline < 0)
            {
                return utf8.Length;
            }

            offset += newline + 1;
            lines--;
        }

        return offset;
    }

    private int FirstNonBlank(int offset)
    {
        var utf8 = _file.Utf8;
        while (offset < utf8.Length && utf8[offset] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            offset++;
        }

        return offset;
    }
}

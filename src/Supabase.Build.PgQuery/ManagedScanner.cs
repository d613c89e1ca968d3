namespace Supabase.Build.PgQuery;

/// <summary>
/// A managed copy of PostgreSQL 17's lexer (src/backend/parser/scan.l) as libpg_query 17-6.1's pg_query_scan runs
/// it: comments are tokens, token ends are what pg_query_scan reports, and "$1a" is a parameter and an identifier
/// (libpg_query's patch 09 drops scan.l's param_junk error). It exists because pg_query_scan packs every token into
/// protobuf, which costs more than the lexing. It returns exactly the tokens the native scan gives, or null
/// wherever it cannot be sure to (unterminated literals and comments and junk after numbers, which the native scan
/// reports as errors; escapes the lexer validates; NUL bytes), and the caller then asks the native scan. Keywords
/// come from the loaded library (<see cref="Native.PgQueryFunctions.CreateManagedScanner"/>). Holds no mutable
/// state: one instance serves any number of threads.
/// </summary>
internal sealed class ManagedScanner
{
    // Longer operators are an error in scan.l ("operator too long"); NAMEDATALEN of PostgreSQL's default build.
    private const int NameDataLength = 64;

    // scan.l's op_chars, as two 64-bit masks (bytes 0-63 and 64-127).
    private const ulong OperatorCharsLow =
        (1UL << '!') | (1UL << '#') | (1UL << '%') | (1UL << '&') | (1UL << '*') | (1UL << '+') | (1UL << '-')
        | (1UL << '/') | (1UL << '<') | (1UL << '=') | (1UL << '>') | (1UL << '?');

    private const ulong OperatorCharsHigh = (1UL << ('@' - 64)) | (1UL << ('^' - 64)) | (1UL << ('`' - 64)) | (1UL << ('|' - 64)) | (1UL << ('~' - 64));

    private readonly KeywordTable _keywords;
    private readonly int _ncharToken;

    /// <param name="keywords">PostgreSQL's keywords (lower case) with their grammar token numbers.</param>
    public ManagedScanner(IReadOnlyList<(string Word, int Token)> keywords)
    {
        _keywords = new KeywordTable(keywords);
        _ncharToken = _keywords.Lookup("nchar"u8);
    }

    /// <summary>
    /// The tokens of <paramref name="utf8"/> (byte offsets plus <paramref name="baseOffset"/>), equal to what
    /// <see cref="PgParser.Scan(ReadOnlySpan{byte}, int)"/> returns; null when only the native scan can say.
    /// </summary>
    public IReadOnlyList<PgToken>? TryScan(ReadOnlySpan<byte> utf8, int baseOffset, GrowableBuffer<PgToken>? workspace = null)
    {
        // The native scan reads a C string and stops at the first NUL; not worth imitating.
        if (utf8.IndexOf((byte)0) >= 0)
        {
            return null;
        }

        // Tokens are collected in a reusable buffer and handed out at their exact size: token lists live as long as the lint.
        var tokens = (workspace ?? new GrowableBuffer<PgToken>()).Reset();
        var lexer = new Lexer(utf8, baseOffset, this, tokens);
        return lexer.Run() ? tokens.ToArray() : null;
    }

    /// <summary>Token numbers of PostgreSQL 17's grammar (gram.y's %token order, the same as 15's), as libpg_query 17-6.1 reports them.</summary>
    internal static class Tokens
    {
        public const int Ident = 258;
        public const int UIdent = 259;
        public const int FConst = 260;
        public const int SConst = 261;
        public const int USConst = 262;
        public const int BConst = 263;
        public const int XConst = 264;
        public const int Op = 265;
        public const int IConst = 266;
        public const int Param = 267;
        public const int Typecast = 268;
        public const int DotDot = 269;
        public const int ColonEquals = 270;
        public const int EqualsGreater = 271;
        public const int LessEquals = 272;
        public const int GreaterEquals = 273;
        public const int NotEquals = 274;
        public const int SqlComment = 275;
        public const int CComment = 276;
    }

    private enum StringMode
    {
        Standard, // '...', U&'...': '' is a quote
        Escape, // E'...': '' and backslash escapes
        Bits, // B'...', X'...': no escapes at all
    }

    /// <summary>One pass over one text. False from any method means "give up, ask the native scan".</summary>
    private ref struct Lexer
    {
        private readonly ReadOnlySpan<byte> _text;
        private readonly int _baseOffset;
        private readonly ManagedScanner _scanner;
        private readonly GrowableBuffer<PgToken> _tokens;
        private int _position;

        public Lexer(ReadOnlySpan<byte> text, int baseOffset, ManagedScanner scanner, GrowableBuffer<PgToken> tokens)
        {
            _text = text;
            _baseOffset = baseOffset;
            _scanner = scanner;
            _tokens = tokens;
            _position = 0;
        }

        public bool Run()
        {
            while (SkipWhitespace())
            {
                if (!ScanToken())
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Skips scan.l's {whitespace}; false at the end of the text.</summary>
        private bool SkipWhitespace()
        {
            while (_position < _text.Length && IsSpace(_text[_position]))
            {
                _position++;
            }

            return _position < _text.Length;
        }

        private bool ScanToken()
        {
            var start = _position;
            var c = _text[start];
            switch (c)
            {
                case (byte)'-' when At(start + 1) == '-':
                    return LineComment(start);
                case (byte)'/' when At(start + 1) == '*':
                    return BlockComment(start);
                case (byte)'\'':
                    return ScanString(start + 1, StringMode.Standard, out var end) && Emit(start, end, end, Tokens.SConst);
                case (byte)'"':
                    return ScanQuotedIdentifier(start + 1, out end) && Emit(start, end, end, Tokens.Ident);
                case (byte)'$':
                    return Dollar(start);
                case (byte)'.':
                    return Dot(start);
                case (byte)':':
                    return Colon(start);
                case (byte)',' or (byte)'(' or (byte)')' or (byte)'[' or (byte)']' or (byte)';':
                    return EmitChar(start);
            }

            if (IsDigit(c))
            {
                return Number(start);
            }

            if (IsOperatorChar(c))
            {
                return Operator(start);
            }

            // scan.l's {other}: any other byte is a token of its own, numbered by its value.
            return IsIdentStart(c) ? Word(start) : EmitChar(start);
        }

        /// <summary>"--" to the end of the line; the line break is not part of the comment.</summary>
        private bool LineComment(int start)
        {
            var length = _text[(start + 2)..].IndexOfAny((byte)'\n', (byte)'\r');
            var end = length < 0 ? _text.Length : start + 2 + length;
            return Emit(start, end, end, Tokens.SqlComment);
        }

        /// <summary>Nested /* */ comments, read the way scan.l's xc state reads them.</summary>
        private bool BlockComment(int start)
        {
            var depth = 0;
            var i = start + 2;
            while (true)
            {
                var next = _text[i..].IndexOfAny((byte)'*', (byte)'/');
                if (next < 0)
                {
                    return false; // unterminated /* comment: the native scan's error
                }

                i += next;
                if (_text[i] == '/')
                {
                    // "/*" opens a nested comment; a lone "/" is just text.
                    var opens = At(i + 1) == '*';
                    depth += opens ? 1 : 0;
                    i += opens ? 2 : 1;
                    continue;
                }

                // A run of stars closes a comment only when a slash follows it (scan.l's \*+\/).
                while (At(i) == '*')
                {
                    i++;
                }

                if (At(i) != '/')
                {
                    continue;
                }

                i++;
                if (depth-- == 0)
                {
                    return Emit(start, i, i, Tokens.CComment);
                }
            }
        }

        /// <summary>
        /// The body of a quoted string from <paramref name="bodyStart"/> (just after the opening quote), with any
        /// continuation: a quote, whitespace holding a newline, and a quote join two literals into one token.
        /// <paramref name="end"/> is just after the last closing quote.
        /// </summary>
        private readonly bool ScanString(int bodyStart, StringMode mode, out int end)
        {
            var i = bodyStart;
            while (true)
            {
                if (!SkipStringBody(ref i, mode))
                {
                    end = 0;
                    return false;
                }

                end = i + 1;
                if (!ContinuesOnNextLine(end, out i))
                {
                    return true;
                }
            }
        }

        /// <summary>Moves <paramref name="i"/> to the closing quote of a string body.</summary>
        private readonly bool SkipStringBody(ref int i, StringMode mode)
        {
            while (true)
            {
                var next = mode == StringMode.Escape ? _text[i..].IndexOfAny((byte)'\'', (byte)'\\') : _text[i..].IndexOf((byte)'\'');
                if (next < 0)
                {
                    return false; // unterminated quoted string
                }

                i += next;
                if (_text[i] == '\\')
                {
                    if (!IsPlainEscape(i))
                    {
                        return false;
                    }

                    i += 2;
                }
                else if (mode != StringMode.Bits && At(i + 1) == '\'')
                {
                    i += 2; // '' stands for one quote
                }
                else
                {
                    return true;
                }
            }
        }

        /// <summary>
        /// Whether scan.l's xe state takes the backslash at <paramref name="i"/> and the byte after it as two bytes
        /// it cannot fail on ({xeescape}). Octal, hex and Unicode escapes can make invalid UTF-8 or invalid code
        /// points, which the lexer rejects: left to the native scan, as is a backslash at the end of the text.
        /// </summary>
        private readonly bool IsPlainEscape(int i) => At(i + 1) switch
        {
            0 or (>= (byte)'0' and <= (byte)'7') or (byte)'u' or (byte)'U' => false,
            (byte)'x' => !IsHexDigit(At(i + 2)), // "\x" without a hex digit is just "x"
            _ => true,
        };

        /// <summary>
        /// scan.l's quotecontinue: non-newline space (\v included since PostgreSQL 16), a newline, any space, then a
        /// quote that reopens the literal.
        /// </summary>
        private readonly bool ContinuesOnNextLine(int afterQuote, out int bodyStart)
        {
            var i = afterQuote;
            while (At(i) is (byte)' ' or (byte)'\t' or (byte)'\f' or (byte)'\v')
            {
                i++;
            }

            bodyStart = 0;
            if (At(i) is not ((byte)'\n' or (byte)'\r'))
            {
                return false;
            }

            i++;
            while (IsSpace(At(i)))
            {
                i++;
            }

            bodyStart = i + 1;
            return At(i) == '\'';
        }

        /// <summary>"..." with "" for a quote; <paramref name="end"/> is just after the closing quote.</summary>
        private readonly bool ScanQuotedIdentifier(int bodyStart, out int end)
        {
            var i = bodyStart;
            while (true)
            {
                var next = _text[i..].IndexOf((byte)'"');
                if (next < 0)
                {
                    end = 0;
                    return false; // unterminated quoted identifier
                }

                i += next;
                if (At(i + 1) != '"')
                {
                    end = i + 1;
                    return i > bodyStart; // "" is the "zero-length delimited identifier" error
                }

                i += 2;
            }
        }

        /// <summary>$1 parameters, $tag$ dollar quotes, or a lone "$".</summary>
        private bool Dollar(int start)
        {
            if (IsDigit(At(start + 1)))
            {
                return Parameter(start);
            }

            var tagEnd = start + 1;
            if (IsIdentStart(At(tagEnd)))
            {
                while (IsDollarTagChar(At(tagEnd)))
                {
                    tagEnd++;
                }
            }

            if (At(tagEnd) != '$')
            {
                // scan.l's {dolqfailed} and {other} both return the "$" alone and rescan what follows.
                return EmitChar(start);
            }

            // xdolq stops at every "$", so the body ends at the first copy of the opening delimiter.
            var delimiter = _text[start..(tagEnd + 1)];
            var bodyStart = tagEnd + 1;
            var close = _text[bodyStart..].IndexOf(delimiter);
            if (close < 0)
            {
                return false; // unterminated dollar-quoted string
            }

            var end = bodyStart + close + delimiter.Length;
            return Emit(start, end, end, Tokens.SConst);
        }

        /// <summary>
        /// "$" and digits (no underscores). Whatever follows is the next token: libpg_query removes scan.l's
        /// param_junk rule, so "$1a" is $1 and a, "$1_0" is $1 and _0.
        /// </summary>
        private bool Parameter(int start)
        {
            var end = SkipDigits(start + 1);
            return Emit(start, end, end, Tokens.Param);
        }

        private bool Dot(int start)
        {
            if (IsDigit(At(start + 1)))
            {
                return Number(start);
            }

            return At(start + 1) == '.' ? Emit(start, start + 2, start + 2, Tokens.DotDot) : EmitChar(start);
        }

        private bool Colon(int start) => At(start + 1) switch
        {
            (byte)':' => Emit(start, start + 2, start + 2, Tokens.Typecast),
            (byte)'=' => Emit(start, start + 2, start + 2, Tokens.ColonEquals),
            _ => EmitChar(start),
        };

        /// <summary>
        /// PostgreSQL 17's numbers: decimal integers, numerics (with a point) and reals (with an exponent), "_"
        /// between digits anywhere (1_000.000_1e1_0), and 0x/0o/0b integers. An integer beyond int32 is FCONST;
        /// "1..2" is an integer before "..". Junk after a number is an error of the native scan: left to it.
        /// </summary>
        private bool Number(int start)
        {
            var radix = _text[start] == '0' ? RadixOf(At(start + 1)) : 0;
            if (radix != 0)
            {
                return PrefixedInteger(start, radix);
            }

            // boundary: the number's last run of identifier characters (after its last "." or exponent sign) has a
            // "_" or an unsigned exponent's "e", where an identifier could start after a shorter number: then a "$"
            // right after the number extends that identifier past it, which is junk.
            var i = SkipDecimalInteger(start, out var boundary);
            var isFloat = false;
            if (At(i) == '.')
            {
                if (At(i + 1) == '.' && i > start)
                {
                    return Emit(start, i, i, IntegerToken(start, i, 10)); // scan.l's {numericfail}
                }

                i = SkipDecimalInteger(i + 1, out boundary); // the fraction may be empty: "1."
                isFloat = true;
            }

            if (At(i) is (byte)'e' or (byte)'E')
            {
                var signed = At(i + 1) is (byte)'+' or (byte)'-';
                var exponent = signed ? i + 2 : i + 1;
                if (!IsDigit(At(exponent)))
                {
                    return false; // {realfail} ("1e+") or {integer_junk} ("1e", "1ex"): errors
                }

                i = SkipDecimalInteger(exponent, out var exponentBoundary);
                boundary = !signed || exponentBoundary; // "1e5$" is 1 then the identifier "e5$": junk
                isFloat = true;
            }

            // {integer_junk}, {numeric_junk}, {real_junk}: a shorter number then an identifier that reaches past
            // this one is the longer match, an error. "123$" is 123 then "$"; "1_2$" is 1 then junk "_2$".
            if (IsIdentStart(At(i)) || (At(i) == '$' && boundary))
            {
                return false;
            }

            return Emit(start, i, i, isFloat ? Tokens.FConst : IntegerToken(start, i, 10));
        }

        /// <summary>
        /// scan.l's hexinteger, octinteger and bininteger: "0x" then digits of the radix, "_" allowed before each.
        /// Without a digit it is {hexfail} and friends; any letter, digit, "_" or "$" right after the digits makes
        /// {integer_junk} ("0" then an identifier from the "x") the longer match. Both are errors.
        /// </summary>
        private bool PrefixedInteger(int start, int radix)
        {
            var i = start + 2;
            while (true)
            {
                if (DigitValue(At(i)) < radix)
                {
                    i++;
                }
                else if (At(i) == '_' && DigitValue(At(i + 1)) < radix)
                {
                    i += 2;
                }
                else
                {
                    break;
                }
            }

            return i > start + 2 && !IsIdentCont(At(i)) && Emit(start, i, i, IntegerToken(start + 2, i, radix));
        }

        /// <summary>
        /// scan.l's decinteger from <paramref name="i"/>: digits with single "_" between them; nothing when no digit
        /// is there. <paramref name="underscore"/> tells whether it held a "_".
        /// </summary>
        private readonly int SkipDecimalInteger(int i, out bool underscore)
        {
            underscore = false;
            if (!IsDigit(At(i)))
            {
                return i;
            }

            while (true)
            {
                if (IsDigit(At(i + 1)))
                {
                    i++;
                }
                else if (At(i + 1) == '_' && IsDigit(At(i + 2)))
                {
                    underscore = true;
                    i += 2;
                }
                else
                {
                    return i + 1;
                }
            }
        }

        /// <summary>
        /// ICONST when the digits (in <paramref name="radix"/>, "_" skipped) fit an int32, as pg_strtoint32_safe
        /// reads them; FCONST otherwise.
        /// </summary>
        private readonly int IntegerToken(int start, int end, int radix)
        {
            long value = 0;
            for (var i = start; i < end; i++)
            {
                if (_text[i] == '_')
                {
                    continue;
                }

                value = (value * radix) + DigitValue(_text[i]);
                if (value > int.MaxValue)
                {
                    return Tokens.FConst;
                }
            }

            return Tokens.IConst;
        }

        /// <summary>
        /// scan.l's {operator} action: the longest run of operator characters, cut before an embedded comment
        /// start, without trailing + and - unless a character SQL operators lack is in it. What is left may be
        /// one of the self characters or a two-character token rather than Op.
        /// </summary>
        private bool Operator(int start)
        {
            var run = start + 1;
            while (IsOperatorChar(At(run)))
            {
                run++;
            }

            var end = CutAtCommentStart(start, run);
            if (end - start > 1 && At(end - 1) is (byte)'+' or (byte)'-' && !HasNonSqlOperatorChar(start, end - 1))
            {
                do
                {
                    end--;
                }
                while (end - start > 1 && At(end - 1) is (byte)'+' or (byte)'-');
            }

            if (end - start >= NameDataLength)
            {
                return false; // "operator too long"
            }

            return Emit(start, end, end, OperatorToken(start, end));
        }

        private readonly int CutAtCommentStart(int start, int run)
        {
            // The first character cannot start a comment here: "--" and "/*" there were taken as comments.
            for (var i = start + 1; i < run - 1; i++)
            {
                if ((_text[i] == '/' && _text[i + 1] == '*') || (_text[i] == '-' && _text[i + 1] == '-'))
                {
                    return i;
                }
            }

            return run;
        }

        private readonly bool HasNonSqlOperatorChar(int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                if (_text[i] is (byte)'~' or (byte)'!' or (byte)'@' or (byte)'#' or (byte)'^' or (byte)'&' or (byte)'|' or (byte)'`' or (byte)'?' or (byte)'%')
                {
                    return true;
                }
            }

            return false;
        }

        private readonly int OperatorToken(int start, int end)
        {
            if (end - start == 1)
            {
                // scan.l's {self} characters are tokens of their own; the other operator characters are Op.
                return _text[start] is (byte)'+' or (byte)'-' or (byte)'*' or (byte)'/' or (byte)'%' or (byte)'^' or (byte)'<' or (byte)'>' or (byte)'='
                    ? _text[start]
                    : Tokens.Op;
            }

            if (end - start == 2)
            {
                switch (_text[start], _text[start + 1])
                {
                    case ((byte)'<', (byte)'='): return Tokens.LessEquals;
                    case ((byte)'>', (byte)'='): return Tokens.GreaterEquals;
                    case ((byte)'=', (byte)'>'): return Tokens.EqualsGreater;
                    case ((byte)'<', (byte)'>'): return Tokens.NotEquals;
                    case ((byte)'!', (byte)'='): return Tokens.NotEquals;
                }
            }

            return Tokens.Op;
        }

        /// <summary>Identifiers and keywords, and the literals a letter introduces: B'', X'', E'', N'', U&amp;'', U&amp;"".</summary>
        private bool Word(int start)
        {
            var first = _text[start] | 0x20; // ASCII letters to lower case; nothing else compared below changes
            var second = At(start + 1);
            if (second == '\'')
            {
                switch (first)
                {
                    case 'b': return ScanString(start + 2, StringMode.Bits, out var end) && Emit(start, end, end, Tokens.BConst);
                    case 'x': return ScanString(start + 2, StringMode.Bits, out end) && Emit(start, end, end, Tokens.XConst);
                    case 'e': return ScanString(start + 2, StringMode.Escape, out end) && Emit(start, end, end, Tokens.SConst);
                    case 'n': return NationalCharacter(start);
                }
            }
            else if (first == 'u' && second == '&')
            {
                return UnicodeLiteral(start);
            }

            var i = start + 1;
            while (IsIdentCont(At(i)))
            {
                i++;
            }

            var keyword = _scanner._keywords.Lookup(_text[start..i]);
            return keyword >= 0
                ? Emit(start, i, i, keyword, PgTokenKind.Keyword)
                : Emit(start, i, i, Tokens.Ident);
        }

        /// <summary>N'...' is the keyword NCHAR over the "n" alone; the string is the next token.</summary>
        private bool NationalCharacter(int start) =>
            _scanner._ncharToken >= 0
                ? Emit(start, start + 1, start + 1, _scanner._ncharToken, PgTokenKind.Keyword)
                : Emit(start, start + 1, start + 1, Tokens.Ident);

        /// <summary>
        /// U&amp;'...' and U&amp;"...", ending after their last quote (libpg_query 15 reported other ends; 17 tracks
        /// them). Escapes and UESCAPE are checked by the parser, not the lexer: the scan takes any body. "U&amp;"
        /// before anything else is the identifier "u" (scan.l's {xufailed}).
        /// </summary>
        private bool UnicodeLiteral(int start)
        {
            switch (At(start + 2))
            {
                case (byte)'\'':
                    return ScanString(start + 3, StringMode.Standard, out var end) && Emit(start, end, end, Tokens.USConst);
                case (byte)'"':
                    return ScanQuotedIdentifier(start + 3, out end) && Emit(start, end, end, Tokens.UIdent);
                default:
                    return Emit(start, start + 1, start + 1, Tokens.Ident);
            }
        }

        private bool EmitChar(int start) => Emit(start, start + 1, start + 1, _text[start]);

        private bool Emit(int start, int end, int next, int token) => Emit(start, end, next, token, KindOf(token));

        /// <summary>Adds the token [start, end) and resumes scanning at <paramref name="next"/>.</summary>
        private bool Emit(int start, int end, int next, int token, PgTokenKind kind)
        {
            _tokens.Add(new PgToken(start + _baseOffset, end + _baseOffset, kind, token));
            _position = next;
            return true;
        }

        /// <summary>The decoder's mapping (ScanResultDecoder) for every token that is not a keyword.</summary>
        private static PgTokenKind KindOf(int token) => token switch
        {
            Tokens.SqlComment => PgTokenKind.LineComment,
            Tokens.CComment => PgTokenKind.BlockComment,
            Tokens.SConst => PgTokenKind.StringConstant,
            Tokens.Ident => PgTokenKind.Identifier,
            ';' => PgTokenKind.Semicolon,
            _ => PgTokenKind.Other,
        };

        /// <summary>The byte at <paramref name="index"/>, or 0 past the end (the text holds no NUL).</summary>
        private readonly byte At(int index) => index < _text.Length ? _text[index] : (byte)0;

        private readonly int SkipDigits(int i)
        {
            while (IsDigit(At(i)))
            {
                i++;
            }

            return i;
        }
    }

    // scan.l's space, \v included since PostgreSQL 16.
    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v';

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static bool IsHexDigit(byte c) => IsDigit(c) || (uint)((c | 0x20) - 'a') < 6;

    // A digit's value in any radix up to 16; 16 or more for everything else, so "DigitValue(c) < radix" tests a digit.
    private static int DigitValue(byte c) => IsDigit(c) ? c - '0' : IsHexDigit(c) ? (c | 0x20) - 'a' + 10 : 16;

    // The radix a "0x", "0o" or "0b" prefix (either case) gives; 0 when the byte is no prefix letter.
    private static int RadixOf(byte c) => (c | 0x20) switch
    {
        'x' => 16,
        'o' => 8,
        'b' => 2,
        _ => 0,
    };

    // ident_start: ASCII letters, "_" and every byte of a multi-byte character.
    private static bool IsIdentStart(byte c) => (uint)((c | 0x20) - 'a') < 26 || c == '_' || c >= 0x80;

    private static bool IsIdentCont(byte c) => IsIdentStart(c) || IsDigit(c) || c == '$';

    // dolq_cont: like ident_cont but without "$", which ends the tag.
    private static bool IsDollarTagChar(byte c) => IsIdentStart(c) || IsDigit(c);

    private static bool IsOperatorChar(byte c) =>
        c < 64 ? ((OperatorCharsLow >> c) & 1) != 0 : c < 128 && ((OperatorCharsHigh >> (c - 64)) & 1) != 0;

    /// <summary>
    /// PostgreSQL's keywords by their lower-case ASCII spelling, looked up case-insensitively (ASCII only, as
    /// ScanKeywordLookup does) without allocating: open addressing over a power-of-two table.
    /// </summary>
    private sealed class KeywordTable
    {
        private readonly byte[] _words; // keyword i is _words[_starts[i].._starts[i + 1]]
        private readonly int[] _starts;
        private readonly int[] _tokens;
        private readonly short[] _slots; // keyword index + 1; 0 is an empty slot
        private readonly int _maxLength;

        public KeywordTable(IReadOnlyList<(string Word, int Token)> keywords)
        {
            _words = keywords.SelectMany(k => k.Word.Select(c => (byte)c)).ToArray();
            _starts = new int[keywords.Count + 1];
            _tokens = new int[keywords.Count];
            var size = 16;
            while (size < keywords.Count * 4)
            {
                size *= 2;
            }

            _slots = new short[size];
            for (var i = 0; i < keywords.Count; i++)
            {
                var (word, token) = keywords[i];
                if (word.Length == 0 || word.Any(c => c is not ((>= 'a' and <= 'z') or '_')))
                {
                    throw new ArgumentException($"keyword '{word}' is not lower-case ASCII", nameof(keywords));
                }

                _starts[i + 1] = _starts[i] + word.Length;
                _tokens[i] = token;
                _maxLength = Math.Max(_maxLength, word.Length);
                var slot = Hash(_words.AsSpan(_starts[i], word.Length)) & (size - 1);
                while (_slots[slot] != 0)
                {
                    slot = (slot + 1) & (size - 1);
                }

                _slots[slot] = checked((short)(i + 1));
            }
        }

        /// <summary>The keyword's token number, or -1 when the word is no keyword.</summary>
        public int Lookup(ReadOnlySpan<byte> word)
        {
            if (word.Length > _maxLength)
            {
                return -1;
            }

            var mask = _slots.Length - 1;
            for (var slot = Hash(word) & mask; _slots[slot] != 0; slot = (slot + 1) & mask)
            {
                var index = _slots[slot] - 1;
                if (EqualsIgnoringAsciiCase(word, _words.AsSpan(_starts[index], _starts[index + 1] - _starts[index])))
                {
                    return _tokens[index];
                }
            }

            return -1;
        }

        // FNV-1a over bytes with bit 5 set, so "A" and "a" hash alike (other bytes may collide; compared after).
        private static int Hash(ReadOnlySpan<byte> word)
        {
            var hash = 2166136261u;
            foreach (var c in word)
            {
                hash = (hash ^ (uint)(c | 0x20)) * 16777619u;
            }

            return (int)(hash ^ (hash >> 15));
        }

        private static bool EqualsIgnoringAsciiCase(ReadOnlySpan<byte> word, ReadOnlySpan<byte> keyword)
        {
            if (word.Length != keyword.Length)
            {
                return false;
            }

            for (var i = 0; i < word.Length; i++)
            {
                var c = word[i];
                if ((uint)(c - 'A') < 26)
                {
                    c |= 0x20;
                }

                if (c != keyword[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}

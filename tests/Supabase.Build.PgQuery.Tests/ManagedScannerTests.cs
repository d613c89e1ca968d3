using System.Runtime.InteropServices;
using System.Text;
using Supabase.Build.PgQuery.Native;
using Supabase.Build.Testing;
using Xunit.Abstractions;

namespace Supabase.Build.PgQuery.Tests;

/// <summary>
/// The managed scanner gives exactly the native scan's tokens, or null (then the caller asks the native scan):
/// never different tokens. Every case is checked against the loaded libpg_query, not against expectations
/// written here.
/// </summary>
public class ManagedScannerTests
{
    private static readonly PgParser Parser = PgParser.Load();

    // Same library, same handle: loading the path again only adds a reference.
    private static readonly ManagedScanner Scanner =
        new PgQueryFunctions(NativeLibrary.Load(Parser.LibraryPath)).CreateManagedScanner()
        ?? throw new InvalidOperationException("the bundled libpg_query should export its keyword table");

    private readonly ITestOutputHelper _output;

    public ManagedScannerTests(ITestOutputHelper output) => _output = output;

    [Theory]
    // Keywords (any case), identifiers, the two-character tokens, self characters.
    [InlineData("select a, 'x' from t where b::int <= 3 and c <> 2 and d != 1 and e >= 2 and f => 1 and 1..2 and x := 5;")]
    [InlineData("SeLeCt * FrOm T WhErE CURRENT_TIMESTAMP > now() AND xmlserialize IS NOT NULL")]
    [InlineData("select t.* from s.t as t(a, b) where a[1:2] is null;;")]
    [InlineData("")]
    [InlineData("  \n\t\r\f ")]
    // Comments: line comments end before \n or \r; block comments nest; "/*" ends an operator.
    [InlineData("select 1 -- trailing comment")]
    [InlineData("-- only a comment\n--\n")]
    [InlineData("select 1 -- c\r\nx")]
    [InlineData("/* a /* b */ c */ select")]
    [InlineData("/*/ x */ */")]
    [InlineData("/**/ /***/ /* ** / */ /*+ hint */ select 1/*c*/+2")]
    [InlineData("/* /*/ */ */")]
    [InlineData("a+/*c*/b a+--c\nb a*-- c\n1")]
    // Dollar quotes and parameters.
    [InlineData("$$x$$ $tag$ y $x$ $tag$ $a$ $ab$ $a$ $_$x$_$")]
    [InlineData("create function f() returns int as $body$ select 1; $not$ $body$ language sql;")]
    [InlineData("$é$x$é$ $$$$ $a$$$a$")]
    [InlineData("select $1, $23 from t where x = $1$ and $a + $ and a$b$c = 1")]
    // libpg_query 17 drops scan.l's param_junk error: a parameter ends at its last digit, whatever follows.
    [InlineData("select $1a, $1_0, $1e5, $1.5, $0x1, $1é, $99999999999, $1$a, x$1a")]
    // Strings: doubled quotes, E-strings with simple escapes, continuation across newlines only.
    [InlineData("'a''b' '' '''' 'é ü €'")]
    [InlineData("E'a\\'b' E'\\\\' E'\\q\\n\\t' e'x' E'a''b' E'\\x' E'\\é'")]
    [InlineData("'a'\n'b' 'c'\r\n  'd' 'e' \f\n\t'f'")]
    [InlineData("'a'\n-'b' 'c'\n-- c\n'd' 'e' 'f'")]
    [InlineData("E'a'\n'\\'b' B'01'\n'10' x'1'\n'2'")]
    [InlineData("B'0101' X'ff' b'' B'01''1'")]
    [InlineData("N'abc' n'x' nchar 'y' an'z'")]
    // U& strings and identifiers end after their last quote, continuation included (libpg_query 15 reported other ends).
    [InlineData("U&'d\\0061t' UESCAPE '!' U&'x'\n'y' z u&'' ")]
    [InlineData("U&\"d\\0061\" u&\"x\"\"y\" u&x u&&")]
    [InlineData("select U&'a''b', U&'\\+01F600' uescape '\\', U&\"é\" from U&\"t\"\"x\"; U&'a' \v\n'b'")]
    // Identifiers: quoted with "" escapes, non-ASCII bytes, "$" inside, longer than NAMEDATALEN.
    [InlineData("\"a\"\"b\" \"Quoted Ident\" \"\"\"\" é1 ñ données a$b$c _x1")]
    [InlineData("select \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")]
    // Numbers: FCONST beyond int32, "1..2" as integer then "..".
    [InlineData("1.5, 1e10, .5, 1.e5, 12345678901, 2147483647, 2147483648, 0001, 1e-5, 1E+5, 1.")]
    [InlineData("1..2 1.5.6 ..5 .... 1e5.3 1$ 1...")]
    // PostgreSQL 16's 0x/0o/0b integers (either case, "_" before any digit), ICONST up to int32's maximum.
    [InlineData("select 0x1F, 0X1f, 0xabcdef, 0o17, 0O17, 0b101, 0B101, 0x_FF, 0o_1_7, 0b_1_0, 0x00000000001")]
    [InlineData("0x7FFFFFFF 0x80000000 0o17777777777 0o20000000000 0b1111111111111111111111111111111 0b10000000000000000000000000000000 0xFFFFFFFFFFFFFFFFFFFF")]
    // Where they stop: a point, a sign or "..", not a letter (that would be junk).
    [InlineData("0b1.5 0x1.5 0x1e+5 0x1F..2 0o7-1 0x1F+1 0b1::int (0x1F) 0xA,0xB")]
    // PostgreSQL 16's "_" between digits, in integers, fractions and exponents.
    [InlineData("1_000, 1_000.5, .5_0, 1e1_0, 1.5e3_0, 0_1, 0.0_1, 1_0.0_1e1_0, 1_2E-3_4, 2_147_483_647, 2_147_483_648, 9_999_999_999")]
    // A "$" after a number is its own token unless an identifier could start inside the number's last run of
    // digits ("1_2$" is 1 then junk "_2$"): these are all valid.
    [InlineData("123$ 1_2.34$ 1_2.$ 1_2e+3$ 1e+3$ 1.5e-3$ 1_000..2 1_0..")]
    // Operators: trailing + and - trimmed unless a non-SQL operator character is in it.
    [InlineData("+- =- @- <=- <>- */ !=- ~ ! @ # & | ` ? % ^ !== ::: :=> -> ->> #>> <@ @> ||/ *-1 a+-b")]
    [InlineData("@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1")]
    // scan.l's {other}: bytes no rule takes are tokens of their own.
    [InlineData("{}\\ a\tb \\set x 1")]
    // \v is whitespace since PostgreSQL 16, also between the parts of a continued string.
    [InlineData("select\va\v\vfrom\vt; \v")]
    [InlineData("'a' \v\n'b' 'c'\n\v'd' 'e'\v'f' E'g'\v\n\v'h'")]
    public void Gives_the_native_tokens(string sql)
    {
        var utf8 = Encoding.UTF8.GetBytes(sql);
        var native = Parser.ScanNatively(utf8);
        Assert.Null(native.Error);

        var managed = Scanner.TryScan(utf8, 0);

        Assert.NotNull(managed);
        Assert.Equal(native.Tokens, managed);
    }

    [Theory]
    [InlineData("select 'abc")]
    [InlineData("select \"abc")]
    [InlineData("select 1 /* open")]
    [InlineData("/* a /* b */")]
    [InlineData("$$ open")]
    [InlineData("$a$ x $b$")]
    [InlineData("E'abc\\'")]
    [InlineData("select \"\"")]
    [InlineData("select 123abc")]
    [InlineData("select 1e")]
    [InlineData("select 1e+")]
    [InlineData("select 1.x")]
    // PostgreSQL 16's integers: a prefix without digits, digits of another radix, anything of an identifier after them.
    [InlineData("select 0x")]
    [InlineData("select 0X")]
    [InlineData("select 0o")]
    [InlineData("select 0B")]
    [InlineData("select 0x_")]
    [InlineData("select 0x__1")]
    [InlineData("select 0x1G")]
    [InlineData("select 0x1_")]
    [InlineData("select 0x1F$")]
    [InlineData("select 0x1Fé")]
    [InlineData("select 0o18")]
    [InlineData("select 0b12")]
    [InlineData("select 0b'01'")]
    [InlineData("select 00x1")]
    // Underscores only between digits; an identifier reaching past a number is junk ("1e3$" is 1 then "e3$").
    [InlineData("select 1_")]
    [InlineData("select 1__0")]
    [InlineData("select 1_x")]
    [InlineData("select 1._5")]
    [InlineData("select 1.5_")]
    [InlineData("select 1e_1")]
    [InlineData("select 1e5_")]
    [InlineData("select 1e3$")]
    [InlineData("select 1.5e3$")]
    [InlineData("select .5e3$")]
    [InlineData("select 1.e3$")]
    [InlineData("select 1_2$")]
    [InlineData("select 1_2.3_4$")]
    [InlineData("select 1_2e3$")]
    [InlineData("U&'abc")]
    [InlineData("U&\"\"")]
    [InlineData("B'01")]
    [InlineData("'a'\n'b")]
    [InlineData("select 1 @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 2")]
    public void Gives_up_where_the_native_scan_fails(string sql)
    {
        var utf8 = Encoding.UTF8.GetBytes(sql);
        Assert.NotNull(Parser.ScanNatively(utf8).Error);

        Assert.Null(Scanner.TryScan(utf8, 0));
    }

    [Theory]
    [InlineData("select E'\\x41'")] // escapes that could make invalid UTF-8: the native scan checks them
    [InlineData("select E'\\101'")]
    [InlineData("select E'\\u0041'")]
    [InlineData("select 1\0 garbage")] // the native scan stops at a NUL
    public void Gives_up_on_what_it_does_not_reproduce(string sql) =>
        Assert.Null(Scanner.TryScan(Encoding.UTF8.GetBytes(sql), 0));

    [Fact]
    public void Offsets_of_a_fragment_are_shifted_into_the_whole_text()
    {
        var text = Encoding.UTF8.GetBytes("select 1; create table t(a int); -- done");

        var managed = Scanner.TryScan(text.AsSpan(10), baseOffset: 10);

        Assert.Equal(Parser.ScanNatively(text.AsSpan(10), baseOffset: 10).Tokens, managed);
        Assert.Equal(new PgToken(10, 16, PgTokenKind.Keyword, managed![0].RawToken), managed[0]);
    }

    [Fact]
    public void Agrees_with_the_native_scan_on_random_token_soup()
    {
        // Short random mixes of the bytes and words the lexer treats specially, with a fixed seed.
        var random = new Random(20240615);
        var bytes = Encoding.UTF8.GetBytes("'\"$-/*+<>=!~@#%^&|`?:.;,()[]{}\\ \n\r\t\f\veEbBxXoOnNuU&0123456789_aZ");
        string[] words =
        {
            "select", "SeLeCt", "nchar", "current_timestamp", "uescape", "é", "$$", "$a$", "$1", "1.5e3", "2147483648", "/*", "*/", "--", "''", "E'", "U&", "U&'", "U&\"",
            "0x1F", "0X_ff", "0o17", "0O7", "0b101", "0B1", "0x", "1_000", "1_0.5_0e1_0", ".5_5", "1e+5", "0x7FFFFFFF", "0x80000000", "2_147_483_648",
        };
        int compared = 0, managedTokens = 0;
        for (var round = 0; round < 20_000; round++)
        {
            var soup = new List<byte>();
            for (var k = random.Next(1, 12); k > 0; k--)
            {
                if (random.Next(3) == 0)
                {
                    soup.AddRange(Encoding.UTF8.GetBytes(words[random.Next(words.Length)]));
                }
                else
                {
                    soup.Add(random.Next(25) == 0 ? (byte)random.Next(1, 256) : bytes[random.Next(bytes.Length)]);
                }
            }

            var utf8 = soup.ToArray();
            var managed = Scanner.TryScan(utf8, 0);
            if (managed is null)
            {
                continue;
            }

            var native = Parser.ScanNatively(utf8);
            Assert.True(native.Error is null, $"managed tokens where the native scan fails ({native.Error?.Message}): {Show(utf8)}");
            Assert.True(native.Tokens.SequenceEqual(managed), $"different tokens for {Show(utf8)}");
            compared++;
            managedTokens += managed.Count;
        }

        Assert.True(compared > 5_000, $"only {compared} soups scanned managed");
        _output.WriteLine($"{compared} of 20000 soups scanned managed ({managedTokens} tokens), all equal to the native scan");
    }

    [Fact]
    public void Gives_up_on_numbers_only_where_the_native_scan_fails()
    {
        // Random short mixes of what numbers are made of (fixed seed): no quotes or block comments, so the managed
        // scanner has no reason to give up but an error of the native scan, and must give its tokens everywhere else.
        var random = new Random(20250917);
        var pieces = new[] { "0", "1", "7", "9", "_", ".", "e", "E", "x", "X", "o", "O", "b", "B", "f", "+", "-", "$", "a", " ", "é", "..", "0x", "0o", "0b", "1_0" };
        int scanned = 0, failed = 0;
        for (var round = 0; round < 20_000; round++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 8); k > 0; k--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var utf8 = Encoding.UTF8.GetBytes(text.ToString());
            var managed = Scanner.TryScan(utf8, 0);
            var native = Parser.ScanNatively(utf8);
            if (managed is null)
            {
                Assert.True(native.Error is not null, $"managed gave up where the native scan did not: {Show(utf8)}");
                failed++;
                continue;
            }

            Assert.True(native.Error is null, $"managed tokens where the native scan fails ({native.Error?.Message}): {Show(utf8)}");
            Assert.True(native.Tokens.SequenceEqual(managed), $"different tokens for {Show(utf8)}: {FirstDifference(native.Tokens, managed)}");
            scanned++;
        }

        Assert.True(scanned > 5_000 && failed > 1_000, $"{scanned} scanned, {failed} failed: the mix should exercise both");
        _output.WriteLine($"{scanned} number soups scanned managed, {failed} rejected by both scans");
    }

    [SkippableTheory]
    [InlineData("supabase-migrations", 0.95)]
    [InlineData("pg-regress", 0.0)]
    public void Agrees_with_the_native_scan_on_every_corpus_file(string corpus, double minimumManagedShare)
    {
        var root = CorpusLocator.Find(corpus);
        Skip.If(root is null, $"corpus '{corpus}' not found (expected ../shared/corpus/{corpus} beside the repository, or SUPABASE_CORPUS)");

        var files = Directory.EnumerateFiles(root!, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var fallbacks = new List<string>();
        foreach (var file in files)
        {
            // The bytes as they are on disk: BOMs, CRLF and odd encodings included.
            var utf8 = File.ReadAllBytes(file);
            var managed = Scanner.TryScan(utf8, 0);
            if (managed is null)
            {
                fallbacks.Add(Path.GetRelativePath(root!, file));
                continue;
            }

            var native = Parser.ScanNatively(utf8);
            Assert.True(native.Error is null, $"{file}: managed tokens where the native scan fails ({native.Error?.Message})");
            Assert.True(native.Tokens.SequenceEqual(managed), $"{file}: {FirstDifference(native.Tokens, managed)}");
        }

        var managedShare = 1.0 - ((double)fallbacks.Count / files.Count);
        _output.WriteLine($"{corpus}: {files.Count} files, {fallbacks.Count} fall back to the native scan ({1 - managedShare:P1}): {string.Join(", ", fallbacks)}");
        Assert.True(files.Count > 20, $"expected a real corpus, found {files.Count} files");
        Assert.True(managedShare >= minimumManagedShare, $"only {managedShare:P1} of {corpus} scanned managed; fallbacks: {string.Join(", ", fallbacks)}");
    }

    private static string FirstDifference(IReadOnlyList<PgToken> native, IReadOnlyList<PgToken> managed)
    {
        for (var i = 0; i < Math.Max(native.Count, managed.Count); i++)
        {
            var expected = i < native.Count ? native[i] : default;
            var actual = i < managed.Count ? managed[i] : default;
            if (!expected.Equals(actual))
            {
                return $"token {i}: native {expected}, managed {actual}";
            }
        }

        return "equal";
    }

    private static string Show(byte[] utf8) =>
        "[" + Encoding.UTF8.GetString(utf8).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "] (" + Convert.ToHexString(utf8) + ")";
}

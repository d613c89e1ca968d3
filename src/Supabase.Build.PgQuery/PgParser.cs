using System.Runtime.InteropServices;
using System.Text;
using Supabase.Build.PgQuery.Native;

namespace Supabase.Build.PgQuery;

/// <summary>
/// The real PostgreSQL 17 parser (libpg_query 17): parse, split, scan, PL/pgSQL parse and fingerprint.
/// Inputs are UTF-8; every offset in and out is in bytes. Every native result is freed before a call returns.
/// An instance holds only thread-safe caches (the names in parse trees, working space reused between calls), and
/// libpg_query keeps its memory per thread, so one instance serves any number of threads.
/// </summary>
public sealed unsafe class PgParser
{
    private readonly PgQueryFunctions _native;
    private readonly PgFieldNames _fieldNames = new();
    private readonly System.Collections.Concurrent.ConcurrentBag<PgScratch> _scratch = new(); // about one per thread, reused
    private readonly ManagedScanner? _managedScanner; // null when the library does not export its keyword table

    private PgParser(PgQueryFunctions native, string libraryPath)
    {
        _native = native;
        _managedScanner = native.CreateManagedScanner();
        LibraryPath = libraryPath;
    }

    /// <summary>The candidate the library was loaded from.</summary>
    public string LibraryPath { get; }

    /// <summary>
    /// Loads libpg_query from the first candidate of <see cref="PgQueryLibraryLocator.Candidates"/> that loads.
    /// Throws <see cref="PgQueryLibraryException"/> naming every candidate when none does.
    /// </summary>
    public static PgParser Load(string? configuredPath = null) => LoadFirst(PgQueryLibraryLocator.Candidates(configuredPath));

    internal static PgParser LoadFirst(IEnumerable<string> candidates)
    {
        var tried = new List<string>();
        foreach (var candidate in candidates)
        {
            var isFile = Path.IsPathRooted(candidate);
            if (isFile && !File.Exists(candidate))
            {
                tried.Add($"{candidate} (not found)");
                continue;
            }

            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return new PgParser(new PgQueryFunctions(handle), candidate);
            }

            tried.Add(isFile ? $"{candidate} (could not be loaded)" : candidate);
        }

        throw new PgQueryLibraryException(
            $"the PostgreSQL parser libpg_query was not found (tried: {string.Join(", ", tried)}); {PgQueryLibraryException.InstallHint}",
            tried);
    }

    public PgParseResult Parse(string sql) => Parse(Encoding.UTF8.GetBytes(sql));

    /// <summary>
    /// Parses UTF-8 SQL into statements. <paramref name="baseOffset"/> is added to every location, so a fragment
    /// cut from a larger text reports offsets in that text.
    /// </summary>
    public PgParseResult Parse(ReadOnlySpan<byte> utf8, int baseOffset = 0)
    {
        PgTree tree;
        using (var input = new NativeInput(utf8))
        {
            var result = _native.Parse(input.Pointer);
            try
            {
                var error = ReadError(result.Error, utf8, baseOffset);
                if (error is not null)
                {
                    return new PgParseResult(Array.Empty<PgStatement>(), error);
                }

                // Read straight from the native JSON; the tree keeps what the nodes need for as long as they live.
                tree = ReadTree(NativeText(result.ParseTree));
            }
            finally
            {
                _native.FreeParseResult(result);
            }
        }

        var statements = new List<PgStatement>();
        if (tree.Root is { Type: PgValueType.Object } root && tree.Field(root.A, "stmts") is { Type: PgValueType.Array } stmts)
        {
            foreach (var raw in tree.ItemsOf(stmts))
            {
                if (raw.Type != PgValueType.Object)
                {
                    continue;
                }

                // The JSON leaves zeros out: no stmt_location means 0, no stmt_len means "to the end".
                var location = tree.Field(raw.A, "stmt_location") is { Type: PgValueType.Number } l ? l.A : 0;
                var length = tree.Field(raw.A, "stmt_len") is { Type: PgValueType.Number } n ? n.A : utf8.Length - location;
                var node = tree.Field(raw.A, "stmt") is { Type: PgValueType.Object } stmt ? PgNode.Of(tree, stmt, baseOffset) : default;
                statements.Add(new PgStatement(node, location + baseOffset, length));
            }
        }

        return new PgParseResult(statements, null);
    }

    /// <summary>Splits into statements with the full parser (exact, but fails on any syntax error).</summary>
    public PgSplitResult SplitWithParser(ReadOnlySpan<byte> utf8, int baseOffset = 0) => Split(utf8, baseOffset, useParser: true);

    /// <summary>Splits into statements with the scanner only: survives syntax errors, fails only on unterminated tokens.</summary>
    public PgSplitResult SplitWithScanner(ReadOnlySpan<byte> utf8, int baseOffset = 0) => Split(utf8, baseOffset, useParser: false);

    private PgSplitResult Split(ReadOnlySpan<byte> utf8, int baseOffset, bool useParser)
    {
        using var input = new NativeInput(utf8);
        var result = useParser ? _native.SplitWithParser(input.Pointer) : _native.SplitWithScanner(input.Pointer);
        try
        {
            var error = ReadError(result.Error, utf8, baseOffset);
            if (error is not null)
            {
                return new PgSplitResult(Array.Empty<(int, int)>(), error);
            }

            var ranges = new (int, int)[result.Count];
            for (var i = 0; i < result.Count; i++)
            {
                var statement = result.Statements[i];
                ranges[i] = (statement->Location + baseOffset, statement->Length);
            }

            return new PgSplitResult(ranges, null);
        }
        finally
        {
            _native.FreeSplitResult(result);
        }
    }

    public PgScanResult Scan(string sql) => Scan(Encoding.UTF8.GetBytes(sql));

    /// <summary>
    /// The tokens of a text, comments included: from the managed scanner (the same tokens, several times faster than
    /// the native scan's protobuf), or from the native scan when only it can say (errors and their positions, rare escapes).
    /// </summary>
    public PgScanResult Scan(ReadOnlySpan<byte> utf8, int baseOffset = 0)
    {
        if (_managedScanner is not null && WithScratch(utf8, (scratch, text) => _managedScanner.TryScan(text, baseOffset, scratch.Tokens)) is { } tokens)
        {
            return new PgScanResult(tokens, null);
        }

        return ScanNatively(utf8, baseOffset);
    }

    /// <summary>The native scan alone (its result is protobuf, decoded here): what the managed scanner is held to.</summary>
    internal PgScanResult ScanNatively(ReadOnlySpan<byte> utf8, int baseOffset = 0)
    {
        using var input = new NativeInput(utf8);
        var result = _native.Scan(input.Pointer);
        try
        {
            var error = ReadError(result.Error, utf8, baseOffset);
            if (error is not null)
            {
                return new PgScanResult(Array.Empty<PgToken>(), error);
            }

            var protobuf = new ReadOnlySpan<byte>(result.Protobuf.Data, checked((int)result.Protobuf.Length));
            return new PgScanResult(ScanResultDecoder.Decode(protobuf, baseOffset), null);
        }
        finally
        {
            _native.FreeScanResult(result);
        }
    }

    /// <summary>
    /// Parses the PL/pgSQL body of a CREATE FUNCTION statement (libpg_query needs the whole statement).
    /// Line numbers in the result count from the first line of the body.
    /// </summary>
    public PgPlpgsqlResult ParsePlpgsql(string createFunctionSql)
    {
        PgTree tree;
        var utf8 = Encoding.UTF8.GetBytes(createFunctionSql);
        using (var input = new NativeInput(utf8))
        {
            var result = _native.ParsePlpgsql(input.Pointer);
            try
            {
                var error = ReadError(result.Error, utf8, 0);
                if (error is not null)
                {
                    return new PgPlpgsqlResult(Array.Empty<PgNode>(), error);
                }

                tree = ReadTree(NativeText(result.Functions)); // as in Parse
            }
            finally
            {
                _native.FreePlpgsqlParseResult(result);
            }
        }

        var functions = new List<PgNode>();
        if (tree.Root.Type == PgValueType.Array)
        {
            foreach (var function in tree.ItemsOf(tree.Root))
            {
                functions.Add(PgNode.Of(tree, function, 0));
            }
        }
        return new PgPlpgsqlResult(functions, null);
    }

    public PgFingerprintResult Fingerprint(string sql)
    {
        var utf8 = Encoding.UTF8.GetBytes(sql);
        using var input = new NativeInput(utf8);
        var result = _native.Fingerprint(input.Pointer);
        try
        {
            var error = ReadError(result.Error, utf8, 0);
            return error is not null
                ? new PgFingerprintResult(0, string.Empty, error)
                : new PgFingerprintResult(result.Fingerprint, Encoding.ASCII.GetString(CopyCString(result.FingerprintString)), null);
        }
        finally
        {
            _native.FreeFingerprintResult(result);
        }
    }

    private static PgQueryError? ReadError(PgQueryErrorNative* error, ReadOnlySpan<byte> input, int baseOffset)
    {
        if (error == null)
        {
            return null;
        }

        var message = error->Message == null ? "syntax error" : Encoding.UTF8.GetString(CopyCString(error->Message));
        int? cursor = error->CursorPosition > 0 ? ByteOffsetOfCharacter(input, error->CursorPosition - 1) + baseOffset : null;
        return new PgQueryError(message, cursor);
    }

    /// <summary>
    /// PostgreSQL reports error positions in characters (pg_mbstrlen), while node locations are bytes:
    /// turn a 0-based character index into the byte offset where that character starts.
    /// </summary>
    private static int ByteOffsetOfCharacter(ReadOnlySpan<byte> utf8, int characterIndex)
    {
        var seen = -1;
        for (var i = 0; i < utf8.Length; i++)
        {
            if ((utf8[i] & 0xC0) != 0x80 && ++seen == characterIndex)
            {
                return i;
            }
        }

        return utf8.Length;
    }

    private PgTree ReadTree(ReadOnlySpan<byte> json) => WithScratch(json, (scratch, text) => PgTree.Parse(text, _fieldNames, scratch));

    /// <summary>Runs <paramref name="work"/> with a working space no other thread is using, then keeps it for the next call.</summary>
    private T WithScratch<T>(ReadOnlySpan<byte> text, SpanWork<T> work)
    {
        var scratch = _scratch.TryTake(out var reused) ? reused : new PgScratch();
        try
        {
            return work(scratch, text);
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    private delegate T SpanWork<T>(PgScratch scratch, ReadOnlySpan<byte> text);

    private static ReadOnlySpan<byte> NativeText(byte* value) =>
        value == null ? ReadOnlySpan<byte>.Empty : MemoryMarshal.CreateReadOnlySpanFromNullTerminated(value);

    private static byte[] CopyCString(byte* value) =>
        value == null ? Array.Empty<byte>() : MemoryMarshal.CreateReadOnlySpanFromNullTerminated(value).ToArray();

    /// <summary>The input as a NUL-terminated native buffer, freed on dispose.</summary>
    private readonly struct NativeInput : IDisposable
    {
        public NativeInput(ReadOnlySpan<byte> utf8)
        {
            Pointer = (byte*)NativeMemory.Alloc((nuint)utf8.Length + 1);
            utf8.CopyTo(new Span<byte>(Pointer, utf8.Length));
            Pointer[utf8.Length] = 0;
        }

        public byte* Pointer { get; }

        public void Dispose() => NativeMemory.Free(Pointer);
    }
}

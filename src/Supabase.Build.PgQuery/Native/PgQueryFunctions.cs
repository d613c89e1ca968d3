using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Supabase.Build.PgQuery.Native;

/// <summary>
/// The entry points of one loaded libpg_query, bound by name. Function pointers rather than [DllImport] so
/// the library path is chosen per instance (bundled copy, configured path, system copy) without a
/// process-wide resolver.
/// </summary>
internal sealed unsafe class PgQueryFunctions
{
    private static readonly SearchValues<byte> KeywordChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz_"u8);

    public readonly delegate* unmanaged[Cdecl]<byte*, PgQueryParseResultNative> Parse;
    public readonly delegate* unmanaged[Cdecl]<PgQueryParseResultNative, void> FreeParseResult;
    public readonly delegate* unmanaged[Cdecl]<byte*, PgQuerySplitResultNative> SplitWithParser;
    public readonly delegate* unmanaged[Cdecl]<byte*, PgQuerySplitResultNative> SplitWithScanner;
    public readonly delegate* unmanaged[Cdecl]<PgQuerySplitResultNative, void> FreeSplitResult;
    public readonly delegate* unmanaged[Cdecl]<byte*, PgQueryScanResultNative> Scan;
    public readonly delegate* unmanaged[Cdecl]<PgQueryScanResultNative, void> FreeScanResult;
    public readonly delegate* unmanaged[Cdecl]<byte*, PgQueryPlpgsqlParseResultNative> ParsePlpgsql;
    public readonly delegate* unmanaged[Cdecl]<PgQueryPlpgsqlParseResultNative, void> FreePlpgsqlParseResult;
    public readonly delegate* unmanaged[Cdecl]<byte*, PgQueryFingerprintResultNative> Fingerprint;
    public readonly delegate* unmanaged[Cdecl]<PgQueryFingerprintResultNative, void> FreeFingerprintResult;

    // PostgreSQL's keyword table, for the managed scanner. Optional: a build without these exports still parses.
    private readonly ScanKeywordListNative* _scanKeywords;
    private readonly ushort* _scanKeywordTokens;
    private readonly delegate* unmanaged[Cdecl]<byte*, ScanKeywordListNative*, int> _scanKeywordLookup;

    public PgQueryFunctions(IntPtr library)
    {
        Parse = (delegate* unmanaged[Cdecl]<byte*, PgQueryParseResultNative>)Export(library, "pg_query_parse");
        FreeParseResult = (delegate* unmanaged[Cdecl]<PgQueryParseResultNative, void>)Export(library, "pg_query_free_parse_result");
        SplitWithParser = (delegate* unmanaged[Cdecl]<byte*, PgQuerySplitResultNative>)Export(library, "pg_query_split_with_parser");
        SplitWithScanner = (delegate* unmanaged[Cdecl]<byte*, PgQuerySplitResultNative>)Export(library, "pg_query_split_with_scanner");
        FreeSplitResult = (delegate* unmanaged[Cdecl]<PgQuerySplitResultNative, void>)Export(library, "pg_query_free_split_result");
        Scan = (delegate* unmanaged[Cdecl]<byte*, PgQueryScanResultNative>)Export(library, "pg_query_scan");
        FreeScanResult = (delegate* unmanaged[Cdecl]<PgQueryScanResultNative, void>)Export(library, "pg_query_free_scan_result");
        ParsePlpgsql = (delegate* unmanaged[Cdecl]<byte*, PgQueryPlpgsqlParseResultNative>)Export(library, "pg_query_parse_plpgsql");
        FreePlpgsqlParseResult = (delegate* unmanaged[Cdecl]<PgQueryPlpgsqlParseResultNative, void>)Export(library, "pg_query_free_plpgsql_parse_result");
        Fingerprint = (delegate* unmanaged[Cdecl]<byte*, PgQueryFingerprintResultNative>)Export(library, "pg_query_fingerprint");
        FreeFingerprintResult = (delegate* unmanaged[Cdecl]<PgQueryFingerprintResultNative, void>)Export(library, "pg_query_free_fingerprint_result");
        _scanKeywords = (ScanKeywordListNative*)OptionalExport(library, "ScanKeywords");
        _scanKeywordTokens = (ushort*)OptionalExport(library, "ScanKeywordTokens");
        _scanKeywordLookup = (delegate* unmanaged[Cdecl]<byte*, ScanKeywordListNative*, int>)OptionalExport(library, "ScanKeywordLookup");
    }

    /// <summary>
    /// A managed scanner with this library's keywords (ScanKeywords and ScanKeywordTokens, the tables the native
    /// scan itself uses), or null when the library does not export them or they do not read as PostgreSQL 17's
    /// layout; then there is only the native scan.
    /// </summary>
    public ManagedScanner? CreateManagedScanner()
    {
        if (_scanKeywords == null || _scanKeywordTokens == null || _scanKeywordLookup == null
            || _scanKeywords->KeywordCount is <= 0 or > 2000 || _scanKeywords->MaxKeywordLength is <= 0 or >= 64)
        {
            return null;
        }

        var keywords = new (string Word, int Token)[_scanKeywords->KeywordCount];
        for (var i = 0; i < keywords.Length; i++)
        {
            var word = _scanKeywords->KeywordStrings + _scanKeywords->KeywordOffsets[i];
            var text = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(word);
            // The library's own lookup must find keyword i at index i: proves the struct was read right.
            if (text.Length is 0 or > 63 || _scanKeywordLookup(word, _scanKeywords) != i || text.ContainsAnyExcept(KeywordChars))
            {
                return null;
            }

            keywords[i] = (Encoding.ASCII.GetString(text), _scanKeywordTokens[i]);
        }

        return new ManagedScanner(keywords);
    }

    private static IntPtr OptionalExport(IntPtr library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address) ? address : IntPtr.Zero;

    private static IntPtr Export(IntPtr library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new PgQueryLibraryException($"the loaded libpg_query has no export '{name}'; libpg_query 17 (17-6.x) is supported", Array.Empty<string>());
}

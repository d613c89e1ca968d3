using System.Runtime.InteropServices;

namespace Supabase.Build.PgQuery.Native;

/// <summary>
/// The entry points of one loaded libpg_query, bound by name. Function pointers rather than [DllImport] so
/// the library path is chosen per instance (bundled copy, configured path, system copy) without a
/// process-wide resolver.
/// </summary>
internal sealed unsafe class PgQueryFunctions
{
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
    }

    private static IntPtr Export(IntPtr library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new PgQueryLibraryException($"the loaded libpg_query has no export '{name}'; PostgreSQL 15 builds of libpg_query (15-4.x) are supported", Array.Empty<string>());
}

using System.Runtime.InteropServices;

namespace Supabase.Build.PgQuery.Native;

// Layouts of libpg_query 17-6.1 (pg_query.h). All are returned by value and freed by their pg_query_free_* twin.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PgQueryErrorNative
{
    public byte* Message;
    public byte* FuncName;
    public byte* FileName;
    public int LineNumber;
    public int CursorPosition; // 1-based, in bytes of the input; 0 when unknown
    public byte* Context;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PgQueryParseResultNative
{
    public byte* ParseTree;
    public byte* StderrBuffer;
    public PgQueryErrorNative* Error;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PgQueryProtobufNative
{
    public nuint Length;
    public byte* Data;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PgQueryScanResultNative
{
    public PgQueryProtobufNative Protobuf;
    public byte* StderrBuffer;
    public PgQueryErrorNative* Error;
}

[StructLayout(LayoutKind.Sequential)]
internal struct PgQuerySplitStmtNative
{
    public int Location;
    public int Length;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PgQuerySplitResultNative
{
    public PgQuerySplitStmtNative** Statements;
    public int Count;
    public byte* StderrBuffer;
    public PgQueryErrorNative* Error;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PgQueryPlpgsqlParseResultNative
{
    public byte* Functions;
    public PgQueryErrorNative* Error;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PgQueryFingerprintResultNative
{
    public ulong Fingerprint;
    public byte* FingerprintString;
    public byte* StderrBuffer;
    public PgQueryErrorNative* Error;
}

/// <summary>PostgreSQL 17's ScanKeywordList (src/include/common/kwlookup.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ScanKeywordListNative
{
    public byte* KeywordStrings; // kw_string: every keyword, NUL-terminated, back to back
    public ushort* KeywordOffsets; // kw_offsets: where each keyword starts in KeywordStrings
    public IntPtr Hash; // the perfect hash function ScanKeywordLookup uses
    public int KeywordCount; // num_keywords
    public int MaxKeywordLength; // max_kw_len
}

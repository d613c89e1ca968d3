namespace Supabase.Build.PgQuery;

/// <summary>
/// Decodes libpg_query's ScanResult protobuf (pg_query.proto: ScanResult { version = 1; repeated ScanToken
/// tokens = 2 }, ScanToken { start = 1; end = 2; token = 4; keyword_kind = 5 }). Small enough to read by hand,
/// which keeps a protobuf runtime out of the MSBuild task's dependencies.
/// </summary>
internal static class ScanResultDecoder
{
    // Token numbers of PostgreSQL 17's grammar as libpg_query 17-6.1 exposes them (the same as 15's for these four).
    private const int Ident = 258;
    private const int StringConstant = 261;
    private const int SqlComment = 275;
    private const int CComment = 276;

    public static IReadOnlyList<PgToken> Decode(ReadOnlySpan<byte> protobuf, int baseOffset)
    {
        var tokens = new List<PgToken>();
        var position = 0;
        while (position < protobuf.Length)
        {
            var key = ReadVarint(protobuf, ref position);
            var field = (int)(key >> 3);
            var wireType = (int)(key & 7);
            if (field == 2 && wireType == 2)
            {
                var length = (int)ReadVarint(protobuf, ref position);
                tokens.Add(DecodeToken(protobuf.Slice(position, length), baseOffset));
                position += length;
            }
            else
            {
                Skip(protobuf, ref position, wireType);
            }
        }

        return tokens;
    }

    private static PgToken DecodeToken(ReadOnlySpan<byte> message, int baseOffset)
    {
        int start = 0, end = 0, token = 0, keywordKind = 0;
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message, ref position);
            var wireType = (int)(key & 7);
            if (wireType != 0)
            {
                Skip(message, ref position, wireType);
                continue;
            }

            var value = (int)ReadVarint(message, ref position);
            switch ((int)(key >> 3))
            {
                case 1: start = value; break;
                case 2: end = value; break;
                case 4: token = value; break;
                case 5: keywordKind = value; break;
            }
        }

        var kind = token switch
        {
            SqlComment => PgTokenKind.LineComment,
            CComment => PgTokenKind.BlockComment,
            StringConstant => PgTokenKind.StringConstant,
            Ident => PgTokenKind.Identifier,
            ';' => PgTokenKind.Semicolon,
            _ when keywordKind != 0 => PgTokenKind.Keyword,
            _ => PgTokenKind.Other,
        };
        return new PgToken(start + baseOffset, end + baseOffset, kind, token);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> buffer, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64 && position < buffer.Length; shift += 7)
        {
            var b = buffer[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        return result;
    }

    private static void Skip(ReadOnlySpan<byte> buffer, ref int position, int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(buffer, ref position); break;
            case 1: position += 8; break;
            case 2: position += (int)ReadVarint(buffer, ref position); break;
            case 5: position += 4; break;
            default: position = buffer.Length; break; // unknown wire type: stop rather than misread
        }
    }
}

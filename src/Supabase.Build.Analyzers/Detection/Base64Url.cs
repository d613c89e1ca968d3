using System;

namespace Supabase.Build.Analyzers.Detection;

/// <summary>Decodes the unpadded base64url segments of a JWT (RFC 7515), tolerating standard base64 and padding.</summary>
internal static class Base64Url
{
    public static bool IsChar(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';

    /// <summary>Decodes <paramref name="length"/> characters of <paramref name="text"/> from <paramref name="start"/>; null when they are not base64url.</summary>
    public static byte[]? Decode(string text, int start, int length)
    {
        if (length % 4 == 1)
        {
            return null;
        }

        var bytes = new byte[length * 3 / 4];
        int buffer = 0, bits = 0, written = 0;
        for (var i = start; i < start + length; i++)
        {
            var value = Value(text[i]);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[written++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }

        if (written != bytes.Length)
        {
            Array.Resize(ref bytes, written);
        }

        return bytes;
    }

    private static int Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' or '+' => 62,
        '_' or '/' => 63,
        _ => -1,
    };
}

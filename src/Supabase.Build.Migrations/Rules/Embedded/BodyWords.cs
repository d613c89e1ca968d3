using System.Text;

namespace Supabase.Build.Migrations.Rules.Embedded;

/// <summary>
/// Whether a statement's bytes hold a word (ASCII, case-insensitive, not part of a longer identifier). Used only to
/// skip parsing bodies that cannot hold what a rule looks for (a body without the word DROP holds no DROP statement);
/// what a rule reports is still decided on parse trees. Text with a backslash is always "mentioning": an escape
/// string (E'\x64rop ...') can spell a word that its bytes do not show.
/// </summary>
internal static class BodyWords
{
    public static bool MayMentionAny(ReadOnlySpan<byte> text, IReadOnlyList<string> words)
    {
        foreach (var word in words)
        {
            if (MayMention(text, word))
            {
                return true;
            }
        }

        return false;
    }

    public static bool MayMention(ReadOnlySpan<byte> text, string word)
    {
        if (text.IndexOf((byte)'\\') >= 0)
        {
            return true;
        }

        Span<byte> needle = stackalloc byte[word.Length];
        Encoding.ASCII.GetBytes(word.ToLowerInvariant(), needle);
        for (var start = 0; start + needle.Length <= text.Length;)
        {
            var found = IndexOfIgnoreCase(text[start..], needle);
            if (found < 0)
            {
                return false;
            }

            var at = start + found;
            if ((at == 0 || !IsWordByte(text[at - 1])) && (at + needle.Length == text.Length || !IsWordByte(text[at + needle.Length])))
            {
                return true;
            }

            start = at + 1;
        }

        return false;
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerNeedle)
    {
        var first = lowerNeedle[0];
        var upperFirst = (byte)char.ToUpperInvariant((char)first);
        var offset = 0;
        while (offset + lowerNeedle.Length <= text.Length)
        {
            var next = text[offset..].IndexOfAny(first, upperFirst);
            if (next < 0 || offset + next + lowerNeedle.Length > text.Length)
            {
                return -1;
            }

            if (Ascii.EqualsIgnoreCase(text.Slice(offset + next, lowerNeedle.Length), lowerNeedle))
            {
                return offset + next;
            }

            offset += next + 1;
        }

        return -1;
    }

    /// <summary>
    /// Letters, digits, '_' and any non-ASCII byte continue an identifier. '$' does not count, so the DROP of
    /// <c>$$drop table t$$</c> is a word.
    /// </summary>
    private static bool IsWordByte(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'_' or >= 0x80;
}

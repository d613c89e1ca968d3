using System.Text;

namespace Supabase.Build.PgQuery;

/// <summary>
/// One SQL text as the parser sees it (UTF-8 bytes, no BOM) together with the maps from the parser's byte
/// offsets to the 1-based line and column an editor shows (columns count UTF-16 characters; CRLF and LF both end a line).
/// </summary>
public sealed class SourceText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly int[] _lineStarts; // byte offset of the first byte of each line

    private string? _text;

    private SourceText(string? text, byte[] utf8)
    {
        _text = text;
        Utf8 = utf8;
        _lineStarts = ComputeLineStarts(utf8);
        IsAscii = System.Text.Ascii.IsValid(utf8);
    }

    /// <summary>The text without a byte order mark (decoded on first use: the lint reads bytes, and most files never need it).</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(Utf8);

    /// <summary>True when every byte is ASCII, so a column is a byte count.</summary>
    private bool IsAscii { get; }

    /// <summary>The UTF-8 bytes handed to the parser; parser offsets index into these.</summary>
    public byte[] Utf8 { get; }

    public int LineCount => _lineStarts.Length;

    /// <summary>The text of a 1-based line, without its line break (empty past the end).</summary>
    public string LineText(int line)
    {
        if (line < 1 || line > _lineStarts.Length)
        {
            return string.Empty;
        }

        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Utf8.Length;
        while (end > start && Utf8[end - 1] is (byte)'\n' or (byte)'\r')
        {
            end--;
        }

        return Slice(start, end - start);
    }

    public static SourceText From(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text.Substring(1);
        }

        return new SourceText(text, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Decodes file bytes as UTF-8 (a BOM is dropped). Returns false, with the position of the first bad byte, for anything else.</summary>
    public static bool TryDecode(byte[] bytes, out SourceText? source, out SourcePosition invalidAt)
    {
        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var utf8 = offset == 0 ? bytes : bytes.AsSpan(offset).ToArray();
        if (System.Text.Unicode.Utf8.IsValid(utf8))
        {
            source = new SourceText(null, utf8);
            invalidAt = default;
            return true;
        }

        var bad = FirstInvalidByte(utf8);
        var valid = new SourceText(StrictUtf8.GetString(utf8, 0, bad), utf8.AsSpan(0, bad).ToArray());
        invalidAt = valid.PositionOf(bad);
        source = null;
        return false;
    }

    /// <summary>Line and column of a 0-based byte offset (clamped to the text).</summary>
    public SourcePosition PositionOf(int byteOffset)
    {
        byteOffset = Math.Clamp(byteOffset, 0, Utf8.Length);
        var line = Array.BinarySearch(_lineStarts, byteOffset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var lineStart = _lineStarts[line];
        var column = IsAscii
            ? byteOffset - lineStart
            : Encoding.UTF8.GetCharCount(Utf8, lineStart, byteOffset - lineStart);
        return new SourcePosition(line + 1, column + 1);
    }

    /// <summary>The span from a byte offset over a byte length; the end is the position after the last byte.</summary>
    public SourceSpan SpanOf(int byteOffset, int byteLength) =>
        new(PositionOf(byteOffset), PositionOf(byteOffset + Math.Max(0, byteLength)));

    /// <summary>Text of a byte range.</summary>
    public string Slice(int byteOffset, int byteLength) => Encoding.UTF8.GetString(Utf8, byteOffset, byteLength);

    private static int[] ComputeLineStarts(byte[] utf8)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }

    private static int FirstInvalidByte(byte[] utf8)
    {
        var chars = new char[utf8.Length];
        System.Text.Unicode.Utf8.ToUtf16(utf8, chars, out var bytesRead, out _, replaceInvalidSequences: false);
        return bytesRead; // the valid prefix ends where the first invalid sequence starts
    }
}

/// <summary>A 1-based line and column.</summary>
public readonly record struct SourcePosition(int Line, int Column);

/// <summary>A range in a source text; <see cref="End"/> is the position just past the last character.</summary>
public readonly record struct SourceSpan(SourcePosition Start, SourcePosition End);

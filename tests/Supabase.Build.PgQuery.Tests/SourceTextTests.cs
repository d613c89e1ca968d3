using System.Text;

namespace Supabase.Build.PgQuery.Tests;

public class SourceTextTests
{
    [Fact]
    public void Crlf_and_lf_both_end_lines()
    {
        var source = SourceText.From("a\r\nbb\ncc");

        Assert.Equal(new SourcePosition(2, 2), source.PositionOf(4));
        Assert.Equal(new SourcePosition(3, 1), source.PositionOf(6));
    }

    [Fact]
    public void Bom_is_dropped_and_does_not_shift_columns()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("select 1;")).ToArray();

        Assert.True(SourceText.TryDecode(bytes, out var source, out _));
        Assert.Equal("select 1;", source!.Text);
        Assert.Equal(new SourcePosition(1, 8), source.PositionOf(7));
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        var source = SourceText.From("-- 日本\nselect 'ü', x;");
        var offsetOfX = Encoding.UTF8.GetByteCount("-- 日本\nselect 'ü', ");

        Assert.Equal(new SourcePosition(2, 13), source.PositionOf(offsetOfX));
        Assert.Equal("x", source.Slice(offsetOfX, 1));
    }

    [Fact]
    public void Invalid_utf8_is_refused_with_the_position_of_the_first_bad_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("select 1;\nselect '").Concat(new byte[] { 0xE9, (byte)'\'' }).ToArray();

        Assert.False(SourceText.TryDecode(bytes, out var source, out var at));
        Assert.Null(source);
        Assert.Equal(new SourcePosition(2, 9), at);
    }
}

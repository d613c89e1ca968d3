using System.Text;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>
/// The names PostgreSQL gives constraints and indexes created without one (<c>todos_pkey</c>, <c>todos_user_id_fkey</c>,
/// <c>todos_title_check</c>, <c>todos_user_id_idx</c>): name parts joined by underscores, the longer part cut until the
/// whole fits in 63 bytes, and a number added to the label while the name is taken.
/// </summary>
internal static class ConstraintNames
{
    private const int MaxBytes = 63;

    public static string Choose(string table, string? columns, string label, Func<string, bool> taken)
    {
        for (var pass = 0; ; pass++)
        {
            var suffix = pass == 0 ? label : label + pass.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var name = Make(table, columns, suffix);
            if (!taken(name))
            {
                return name;
            }
        }
    }

    /// <summary>PostgreSQL's makeObjectName: name1[_name2]_label within 63 bytes, truncating the longer of name1/name2.</summary>
    public static string Make(string name1, string? name2, string label)
    {
        var overhead = Encoding.UTF8.GetByteCount(label) + 1 + (name2 is null ? 0 : 1);
        var available = MaxBytes - overhead;
        var length1 = Encoding.UTF8.GetByteCount(name1);
        var length2 = name2 is null ? 0 : Encoding.UTF8.GetByteCount(name2);
        while (length1 + length2 > available)
        {
            if (length1 > length2)
            {
                length1--;
            }
            else
            {
                length2--;
            }
        }

        var builder = new StringBuilder(Clip(name1, length1));
        if (name2 is not null)
        {
            builder.Append('_').Append(Clip(name2, length2));
        }

        return builder.Append('_').Append(label).ToString();
    }

    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="bytes"/> UTF-8 bytes, never splitting a character.</summary>
    public static string Clip(string text, int bytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= bytes)
        {
            return text;
        }

        var used = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > bytes)
            {
                break;
            }

            used += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }

        return text[..end];
    }
}

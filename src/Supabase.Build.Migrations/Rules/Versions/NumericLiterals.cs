using System.Globalization;
using System.Numerics;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules.Versions;

/// <summary>
/// PostgreSQL 16's numeric literals: hexadecimal, octal and binary integers (<c>0x1F</c>, <c>0o17</c>, <c>0b101</c>)
/// and underscores between digits (<c>1_000_000</c>). The parse tree keeps only the value, so they are found in the
/// tokens. An older server does not always reject them: PostgreSQL 15 reads <c>select 0x1F</c> as <c>0 AS x1F</c>
/// and <c>1_000</c> as <c>1 AS _000</c>, so the statement may run and mean something else.
/// </summary>
internal static class NumericLiterals
{
    // The grammar's token numbers (gram.y's %token order; the same in libpg_query 15 and 17).
    private const int FConst = 260;
    private const int IConst = 266;

    public const int Since = 16;

    /// <summary>Adds the statement's literals that need <see cref="Since"/> to <paramref name="uses"/>.</summary>
    public static void AddTo(StatementContext context, List<NewerSyntaxUse> uses)
    {
        var tokens = context.Migration.TokenSpan;
        var (first, end) = Sql.TokenRange(context);
        for (var i = first; i < end; i++)
        {
            if (tokens[i].RawToken is not (IConst or FConst))
            {
                continue;
            }

            // A scanner older than 16 stops such a number after its first digits ("0" then "x1F", "1" then "_000"):
            // an unquoted word glued to it is the rest of the literal (16 and later reject any such junk, so it is
            // never there in what their parser accepted; a quoted name, 1"a", is an alias in every version).
            var literalEnd = tokens[i].End;
            if (i + 1 < end && tokens[i + 1].Start == literalEnd && tokens[i + 1].Kind is PgTokenKind.Identifier or PgTokenKind.Keyword
                && context.Source.Utf8[literalEnd] is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'_')
            {
                literalEnd = tokens[i + 1].End;
            }

            var text = context.Source.Slice(tokens[i].Start, literalEnd - tokens[i].Start);
            if (DecimalOf(text) is { } value)
            {
                uses.Add(new NewerSyntaxUse(
                    $"the numeric literal {text}",
                    Since,
                    tokens[i].Start,
                    $"write {value}",
                    new DiagnosticFix($"write {value}", Sql.Replace(context, tokens[i].Start, literalEnd, value))));
            }
        }
    }

    /// <summary>The literal in plain decimal, or null when it is one every version reads (no base prefix, no underscore).</summary>
    internal static string? DecimalOf(string literal)
    {
        var prefixed = literal.Length > 2 && literal[0] == '0' && char.ToLowerInvariant(literal[1]) is 'x' or 'o' or 'b';
        if (!prefixed)
        {
            return literal.Contains('_', StringComparison.Ordinal) ? literal.Replace("_", string.Empty, StringComparison.Ordinal) : null;
        }

        var radix = char.ToLowerInvariant(literal[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
        var value = BigInteger.Zero;
        foreach (var c in literal.AsSpan(2))
        {
            if (c == '_')
            {
                continue;
            }

            var digit = HexDigit(c);
            if (digit < 0 || digit >= radix)
            {
                return null; // not a number PostgreSQL 16 reads either (the parser would have said)
            }

            value = (value * radix) + digit;
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

using System.Globalization;
using System.Text;

namespace Supabase.Build.Migrations.CodeGen;

/// <summary>
/// C# names for SQL names: PascalCase words (any character that cannot be in an identifier separates words and is
/// dropped; the rest of each word keeps its case), a leading <c>_</c> before a digit, <c>@</c> before a keyword, and
/// a fallback for names with nothing left. Unicode letters stay.
/// </summary>
public static class CSharpNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long",
        "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected", "public",
        "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch",
        "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void",
        "volatile", "while",
    };

    public static string Pascal(string sqlName, string fallback = "Value")
    {
        var builder = new StringBuilder(sqlName.Length);
        var startOfWord = true;
        foreach (var rune in sqlName.EnumerateRunes())
        {
            if (!IsIdentifierPart(rune) || rune.Value == '_')
            {
                startOfWord = true;
                continue;
            }

            builder.Append(startOfWord ? Rune.ToUpperInvariant(rune).ToString() : rune.ToString());
            startOfWord = false;
        }

        var name = builder.Length == 0 ? fallback : builder.ToString();
        if (!IsIdentifierStart(Rune.GetRuneAt(name, 0)))
        {
            name = "_" + name;
        }

        return Keywords.Contains(name) ? "@" + name : name;
    }

    /// <summary>A C# string literal (verbatim characters escaped), for attribute arguments and constants.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private static bool IsIdentifierStart(Rune rune) =>
        rune.Value == '_' || Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

    private static bool IsIdentifierPart(Rune rune) =>
        IsIdentifierStart(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;
}

/// <summary>
/// Names taken in one C# scope (a namespace, or a type's members). <see cref="Claim"/> returns the name itself when free,
/// else the name with 2, 3, ... appended: callers claim in a fixed order, so the outcome is the same on every run.
/// </summary>
public sealed class NameScope
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public NameScope(IEnumerable<string>? reserved = null)
    {
        if (reserved is not null)
        {
            _taken.UnionWith(reserved);
        }
    }

    public bool IsTaken(string name) => _taken.Contains(name);

    public string Claim(string name)
    {
        var candidate = name;
        for (var n = 2; _taken.Contains(candidate); n++)
        {
            candidate = name + n.ToString(CultureInfo.InvariantCulture);
        }

        _taken.Add(candidate);
        return candidate;
    }

    /// <summary>Claims a base name such that every <paramref name="suffixes"/> form of it is free too.</summary>
    public string ClaimWithSuffixes(string name, IReadOnlyList<string> suffixes)
    {
        var candidate = name;
        for (var n = 2; suffixes.Any(s => _taken.Contains(candidate + s)); n++)
        {
            candidate = name + n.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var suffix in suffixes)
        {
            _taken.Add(candidate + suffix);
        }

        return candidate;
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Supabase.Build.Analyzers.Detection;

/// <summary>
/// The top-level string members of a JSON object (a JWT header or payload), read without a JSON library (an analyzer
/// must not bring one: the compiler's copy would conflict). Nested values are skipped; anything that is not a
/// well-formed object gives null.
/// </summary>
internal static class JsonClaims
{
    public static Dictionary<string, string>? ReadTopLevelStrings(string json)
    {
        var reader = new Reader(json);
        return reader.ReadObject();
    }

    private sealed class Reader(string text)
    {
        private const int MaxDepth = 32;
        private int _position;

        public Dictionary<string, string>? ReadObject()
        {
            SkipWhitespace();
            if (!Consume('{'))
            {
                return null;
            }

            var result = new Dictionary<string, string>(System.StringComparer.Ordinal);
            SkipWhitespace();
            if (Consume('}'))
            {
                return End(result);
            }

            while (true)
            {
                SkipWhitespace();
                var name = ReadString();
                SkipWhitespace();
                if (name is null || !Consume(':'))
                {
                    return null;
                }

                SkipWhitespace();
                if (Peek() == '"')
                {
                    var value = ReadString();
                    if (value is null)
                    {
                        return null;
                    }

                    result[name] = value;
                }
                else if (!SkipValue(0))
                {
                    return null;
                }

                SkipWhitespace();
                if (Consume('}'))
                {
                    return End(result);
                }

                if (!Consume(','))
                {
                    return null;
                }
            }
        }

        private Dictionary<string, string>? End(Dictionary<string, string> result)
        {
            SkipWhitespace();
            return _position == text.Length ? result : null;
        }

        private bool SkipValue(int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            SkipWhitespace();
            var c = Peek();
            if (c == '"')
            {
                return ReadString() is not null;
            }

            if (c == '{' || c == '[')
            {
                var close = c == '{' ? '}' : ']';
                _position++;
                SkipWhitespace();
                if (Consume(close))
                {
                    return true;
                }

                while (true)
                {
                    if (c == '{')
                    {
                        SkipWhitespace();
                        if (ReadString() is null)
                        {
                            return false;
                        }

                        SkipWhitespace();
                        if (!Consume(':'))
                        {
                            return false;
                        }
                    }

                    if (!SkipValue(depth + 1))
                    {
                        return false;
                    }

                    SkipWhitespace();
                    if (Consume(close))
                    {
                        return true;
                    }

                    if (!Consume(','))
                    {
                        return false;
                    }
                }
            }

            // A number, true, false or null.
            var start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] is '-' or '+' or '.'))
            {
                _position++;
            }

            return _position > start;
        }

        private string? ReadString()
        {
            if (!Consume('"'))
            {
                return null;
            }

            StringBuilder? builder = null;
            var start = _position;
            while (_position < text.Length)
            {
                var c = text[_position];
                if (c == '"')
                {
                    var plain = text.Substring(start, _position - start);
                    _position++;
                    return builder is null ? plain : builder.Append(plain).ToString();
                }

                if (c == '\\')
                {
                    builder ??= new StringBuilder();
                    builder.Append(text, start, _position - start);
                    if (_position + 1 >= text.Length)
                    {
                        return null;
                    }

                    var escaped = text[_position + 1];
                    _position += 2;
                    switch (escaped)
                    {
                        case 'u':
                            if (_position + 4 > text.Length
                                || !int.TryParse(text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                            {
                                return null;
                            }

                            builder.Append((char)code);
                            _position += 4;
                            break;
                        case 'n': builder.Append('\n'); break;
                        case 't': builder.Append('\t'); break;
                        case 'r': builder.Append('\r'); break;
                        case 'b': builder.Append('\b'); break;
                        case 'f': builder.Append('\f'); break;
                        default: builder.Append(escaped); break;
                    }

                    start = _position;
                    continue;
                }

                if (c < ' ')
                {
                    return null;
                }

                _position++;
            }

            return null;
        }

        private char Peek() => _position < text.Length ? text[_position] : '\0';

        private bool Consume(char c)
        {
            if (Peek() != c)
            {
                return false;
            }

            _position++;
            return true;
        }

        private void SkipWhitespace()
        {
            while (_position < text.Length && text[_position] is ' ' or '\t' or '\r' or '\n')
            {
                _position++;
            }
        }
    }
}

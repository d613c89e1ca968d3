using System.Collections.Generic;
using System.Text;

namespace Supabase.Build.Analyzers.Detection;

/// <summary>
/// Walks a JSON document (appsettings-style: comments and trailing commas allowed) and finds string values whose path
/// names a JWT secret (<c>"Jwt": { "Secret": "..." }</c>, <c>"Supabase": { "JwtSecret": "..." }</c>). Tolerant: on text
/// that is not JSON it stops quietly with what it found.
/// </summary>
internal static class JsonValues
{
    public static void FindNamedSecrets(string text, List<SecretFinding> findings)
    {
        var path = new List<string>();
        string? pendingKey = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    i = text.IndexOf('\n', i) is var newline and >= 0 ? newline : text.Length;
                    continue;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    i = text.IndexOf("*/", i + 2, System.StringComparison.Ordinal) is var close and >= 0 ? close + 2 : text.Length;
                    continue;
                case '{':
                case '[':
                    path.Add(pendingKey ?? string.Empty);
                    pendingKey = null;
                    break;
                case '}':
                case ']':
                    if (path.Count > 0)
                    {
                        path.RemoveAt(path.Count - 1);
                    }

                    pendingKey = null;
                    break;
                case '"':
                    var start = i + 1;
                    var end = StringEnd(text, start);
                    if (end < 0)
                    {
                        return;
                    }

                    i = end + 1;
                    var next = i;
                    while (next < text.Length && char.IsWhiteSpace(text[next]))
                    {
                        next++;
                    }

                    if (next < text.Length && text[next] == ':')
                    {
                        pendingKey = text.Substring(start, end - start);
                        i = next + 1;
                    }
                    else
                    {
                        var raw = text.Substring(start, end - start);
                        if (pendingKey is not null && raw.IndexOf('\\') < 0 && SecretNames.IsJwtSecret(Join(path, pendingKey))
                            && ShippedFiles.IsSecretValue(raw))
                        {
                            findings.Add(new SecretFinding(SecretKind.JwtSigningSecret, start, raw.Length, Join(path, pendingKey)));
                        }

                        pendingKey = null;
                    }

                    continue;
            }

            i++;
        }
    }

    /// <summary>The index of the closing quote of a string whose content starts at <paramref name="start"/>.</summary>
    private static int StringEnd(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
            else if (text[i] == '\n')
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>The configuration path, as ASP.NET Core writes it: <c>Jwt:Secret</c>.</summary>
    private static string Join(List<string> path, string key)
    {
        var builder = new StringBuilder();
        foreach (var part in path)
        {
            if (part.Length > 0)
            {
                builder.Append(part).Append(':');
            }
        }

        return builder.Append(key).ToString();
    }
}

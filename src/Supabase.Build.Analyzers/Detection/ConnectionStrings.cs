using System.Collections.Generic;

namespace Supabase.Build.Analyzers.Detection;

/// <summary>
/// PostgreSQL connection strings with an inline password (SB3004), in both forms:
/// <list type="bullet">
/// <item>URI: <c>postgresql://user:password@host:port/db</c> (also <c>postgres://</c>, and <c>?password=</c>), as the
/// Supabase dashboard and CLI print them, direct (<c>db.&lt;ref&gt;.supabase.co</c>) or through the pooler
/// (<c>aws-0-&lt;region&gt;.pooler.supabase.com</c>);</item>
/// <item>keywords: <c>Host=...;Password=...</c> (Npgsql; also <c>Server</c>/<c>Data Source</c> and <c>Pwd</c>).</item>
/// </list>
/// Not reported: an empty or placeholder password (<c>[YOUR-PASSWORD]</c>, <c>${DB_PASSWORD}</c>), a database on the
/// developer's own machine (localhost, 127.0.0.0/8, ::1, host.docker.internal), such as the Supabase CLI's local
/// <c>postgresql://postgres:postgres@127.0.0.1:54322/postgres</c>, and reserved names that cannot be a real server
/// (<c>*.test</c>, <c>*.example</c>, <c>*.invalid</c>, <c>example.com</c>).
/// </summary>
internal static class ConnectionStrings
{
    private static readonly string[] Schemes = ["postgresql://", "postgres://"];
    private static readonly string[] PasswordKeys = ["password", "pwd"];
    private static readonly string[] HostKeys = ["host", "server", "data source", "datasource", "address", "addr", "network address"];
    private static readonly string[] ReservedSuffixes = [".localhost", ".test", ".example", ".invalid", ".example.com", ".example.net", ".example.org"];
    private static readonly string[] PlaceholderPasswords = ["password", "pass", "pwd", "secret"];

    /// <summary>
    /// What every finding's source text contains: a postgres scheme, or a password keyword, in lower, capitalised or
    /// upper case (ordinal searches are several times faster than case-insensitive ones over a whole file).
    /// </summary>
    public static readonly Infrastructure.Marker[] Markers =
    [
        new("ostgres"), new("OSTGRES"), new("assword"), new("ASSWORD"), new("pwd"), new("Pwd"), new("PWD"),
    ];

    public static bool MayContain(string value) =>
        value.IndexOf("://", System.StringComparison.Ordinal) >= 0
            ? value.IndexOf("postgres", System.StringComparison.OrdinalIgnoreCase) >= 0
            : value.IndexOf("pwd", System.StringComparison.OrdinalIgnoreCase) >= 0
              || value.IndexOf("password", System.StringComparison.OrdinalIgnoreCase) >= 0;

    public static void Find(string value, List<SecretFinding> findings)
    {
        FindUris(value, findings);
        FindKeywordForms(value, findings);
    }

    private static void FindUris(string value, List<SecretFinding> findings)
    {
        foreach (var scheme in Schemes)
        {
            var index = value.IndexOf(scheme, System.StringComparison.OrdinalIgnoreCase);
            while (index >= 0)
            {
                var authorityStart = index + scheme.Length;
                var end = authorityStart;
                while (end < value.Length && !IsUriTerminator(value[end]))
                {
                    end++;
                }

                if (TryReadUri(value, authorityStart, end, out var host) && !IsLocal(host))
                {
                    findings.Add(new SecretFinding(SecretKind.ConnectionStringPassword, index, end - index, host));
                }

                index = value.IndexOf(scheme, System.Math.Max(end, authorityStart), System.StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>The host of <c>user:password@host...</c> (or of a URI with <c>password=</c> in its query) with a real password.</summary>
    private static bool TryReadUri(string value, int start, int end, out string host)
    {
        host = string.Empty;
        var token = value.Substring(start, end - start);
        var at = token.LastIndexOf('@');
        string? password = null;
        var hostStart = 0;
        if (at >= 0)
        {
            var userInfo = token.Substring(0, at);
            var colon = userInfo.IndexOf(':');
            if (colon >= 0)
            {
                password = userInfo.Substring(colon + 1);
            }

            hostStart = at + 1;
        }

        var query = token.IndexOf('?', hostStart);
        if (query >= 0)
        {
            foreach (var parameter in token.Substring(query + 1).Split('&'))
            {
                if (parameter.StartsWith("password=", System.StringComparison.OrdinalIgnoreCase))
                {
                    password = System.Uri.UnescapeDataString(parameter.Substring("password=".Length));
                }
            }
        }

        var hostEnd = hostStart;
        while (hostEnd < token.Length && token[hostEnd] is not ('/' or '?' or '#'))
        {
            hostEnd++;
        }

        host = StripPort(token.Substring(hostStart, hostEnd - hostStart));
        return password is not null && IsRealPassword(password) && host.Length > 0;
    }

    private static void FindKeywordForms(string value, List<SecretFinding> findings)
    {
        var searchFrom = 0;
        while (searchFrom < value.Length)
        {
            var keyAt = NextPasswordKey(value, searchFrom);
            if (keyAt < 0)
            {
                return;
            }

            // The connection string around it: up to quotes, backticks or line ends (a whole C# string has none).
            var start = keyAt;
            while (start > 0 && !IsRegionTerminator(value[start - 1]))
            {
                start--;
            }

            var end = keyAt;
            while (end < value.Length && !IsRegionTerminator(value[end]))
            {
                end++;
            }

            // A .env line (NAME=Host=...;Password=...) holds the connection string after its first '='.
            var region = value.Substring(start, end - start);
            if (TryReadKeywords(region, out var host, out var offset) && !IsLocal(host))
            {
                findings.Add(new SecretFinding(SecretKind.ConnectionStringPassword, start + offset, end - start - offset, host));
            }

            searchFrom = end + 1;
        }
    }

    private static int NextPasswordKey(string value, int from)
    {
        var best = -1;
        foreach (var key in PasswordKeys)
        {
            var at = value.IndexOf(key, from, System.StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (best < 0 || at < best))
            {
                best = at;
            }
        }

        return best;
    }

    private static bool TryReadKeywords(string region, out string host, out int offset)
    {
        host = string.Empty;
        offset = 0;
        string? password = null;
        var segmentStart = 0;
        foreach (var pair in region.Split(';'))
        {
            var equals = pair.IndexOf('=');
            if (equals > 0)
            {
                var key = pair.Substring(0, equals).Trim();
                var keyValue = pair.Substring(equals + 1).Trim().Trim('"', '\'');

                // NAME=Host=...: the first pair's key is the variable, and the rest of it is the first real pair.
                var secondEquals = keyValue.IndexOf('=');
                if (segmentStart == 0 && secondEquals > 0 && IsOneOf(keyValue.Substring(0, secondEquals).Trim(), HostKeys, PasswordKeys))
                {
                    offset = equals + 1;
                    key = keyValue.Substring(0, secondEquals).Trim();
                    keyValue = keyValue.Substring(secondEquals + 1).Trim();
                }

                if (IsOneOf(key, PasswordKeys))
                {
                    password = keyValue;
                }
                else if (IsOneOf(key, HostKeys))
                {
                    host = StripPort(keyValue.Split(',')[0].Trim());
                }
            }

            segmentStart += pair.Length + 1;
        }

        return password is not null && IsRealPassword(password) && host.Length > 0;
    }

    private static bool IsOneOf(string key, string[] names, string[]? more = null)
    {
        foreach (var name in names)
        {
            if (string.Equals(key, name, System.StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return more is not null && IsOneOf(key, more);
    }

    private static bool IsRealPassword(string password)
    {
        if (password.Length == 0 || Placeholders.IsPlaceholder(password))
        {
            return false;
        }

        foreach (var placeholder in PlaceholderPasswords)
        {
            if (string.Equals(password, placeholder, System.StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static string StripPort(string host)
    {
        // SQL Server's protocol prefix: Server=tcp:name,1433.
        foreach (var protocol in new[] { "tcp:", "np:", "lpc:" })
        {
            if (host.StartsWith(protocol, System.StringComparison.OrdinalIgnoreCase))
            {
                host = host.Substring(protocol.Length);
            }
        }

        if (host.StartsWith("[", System.StringComparison.Ordinal))
        {
            var close = host.IndexOf(']');
            return close > 0 ? host.Substring(0, close + 1) : host;
        }

        var colon = host.IndexOf(':');
        return colon >= 0 && host.IndexOf(':', colon + 1) < 0 ? host.Substring(0, colon) : host;
    }

    /// <summary>
    /// The developer's own machine, or a name that cannot be a real server (RFC 2606 and 6761: .test, .example,
    /// .invalid, .localhost, example.com/.net/.org, as tests and documentation use): not a leak, whatever the password.
    /// </summary>
    private static bool IsLocal(string host)
    {
        var first = host.Split(',')[0].Trim().TrimEnd('.').ToLowerInvariant();
        if (first is "localhost" or "::1" or "[::1]" or "0.0.0.0" or "host.docker.internal" || first.StartsWith("127.", System.StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var reserved in ReservedSuffixes)
        {
            if (first.EndsWith(reserved, System.StringComparison.Ordinal) || first == reserved.Substring(1))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUriTerminator(char c) => char.IsWhiteSpace(c) || c is '"' or '\'' or '`' or '<' or '>' or ';';

    private static bool IsRegionTerminator(char c) => c is '"' or '\'' or '`' or '\r' or '\n';
}

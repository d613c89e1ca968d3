using System.Globalization;
using System.Text;
using Npgsql;

namespace Supabase.Build.Migrations.Database;

/// <summary>
/// Converts between the <c>postgresql://user:password@host:port/database?sslmode=...</c> form that Supabase
/// and libpq use (<c>SUPABASE_DB_URL</c>, <c>SUPABASE_TEST_DB_URL</c>) and Npgsql connection strings.
/// </summary>
public static class PostgresUrl
{
    /// <summary>Parses a <c>postgresql://</c> or <c>postgres://</c> URI into an Npgsql connection string builder.</summary>
    /// <exception cref="FormatException">Not such a URI. The message never contains the password.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != "postgresql" && uri.Scheme != "postgres"))
        {
            throw new FormatException("Expected a database URL of the form postgresql://user:password@host:port/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
        };
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new FormatException("The database URL has no host.");
        }

        var userInfo = uri.UserInfo;
        if (userInfo.Length > 0)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        builder.Database = database.Length > 0 ? database : builder.Username ?? "postgres";

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            switch (key)
            {
                case "sslmode":
                    builder.SslMode = value switch
                    {
                        "disable" => SslMode.Disable,
                        "allow" => SslMode.Allow,
                        "prefer" => SslMode.Prefer,
                        "require" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => throw new FormatException($"Unknown sslmode '{value}' in the database URL."),
                    };
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "connect_timeout":
                    builder.Timeout = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "options":
                    builder.Options = value;
                    break;
                default:
                    // Other libpq parameters (target_session_attrs, ...) are not needed for a migration connection; ignore them.
                    break;
            }
        }

        return builder;
    }

    /// <summary>
    /// Formats connection settings as a <c>postgresql://</c> URI (user and password percent-encoded). It contains
    /// the password: hand it to the code under test, never to a log.
    /// </summary>
    public static string Format(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var url = new StringBuilder("postgresql://");
        if (!string.IsNullOrEmpty(builder.Username))
        {
            url.Append(Uri.EscapeDataString(builder.Username));
            if (!string.IsNullOrEmpty(builder.Password))
            {
                url.Append(':').Append(Uri.EscapeDataString(builder.Password));
            }

            url.Append('@');
        }

        var host = builder.Host ?? "127.0.0.1";
        url.Append(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host);
        url.Append(':').Append(builder.Port.ToString(CultureInfo.InvariantCulture));
        url.Append('/').Append(Uri.EscapeDataString(builder.Database ?? "postgres"));

        var query = new List<string>();
        if (builder.SslMode is not SslMode.Prefer)
        {
            query.Add("sslmode=" + builder.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            });
        }

        if (!string.IsNullOrEmpty(builder.ApplicationName))
        {
            query.Add("application_name=" + Uri.EscapeDataString(builder.ApplicationName));
        }

        if (query.Count > 0)
        {
            url.Append('?').AppendJoin('&', query);
        }

        return url.ToString();
    }

    /// <summary>The URI with the password replaced by <c>***</c>: safe for logs and assertion messages.</summary>
    public static string Redact(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var copy = new NpgsqlConnectionStringBuilder(builder.ConnectionString);
        if (!string.IsNullOrEmpty(copy.Password))
        {
            copy.Password = "***";
        }

        return Format(copy).Replace("%2A%2A%2A", "***", StringComparison.Ordinal);
    }
}

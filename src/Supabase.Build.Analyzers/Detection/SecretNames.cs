namespace Supabase.Build.Analyzers.Detection;

/// <summary>
/// Names that say what a value is: a variable, property, parameter, configuration key or environment variable. Names are
/// compared normalised (lower case, letters and digits only), so <c>JwtSecret</c>, <c>jwt_secret</c>,
/// <c>SUPABASE_JWT_SECRET</c> and <c>Supabase:JwtSecret</c> are the same.
/// </summary>
internal static class SecretNames
{
    private static readonly string[] JwtSecretParts = ["jwtsecret", "jwtsigningkey", "jwtsigningsecret", "jwtkey", "jwtsymmetrickey", "jwtsharedsecret"];

    // Names that hold the name of a secret, or something beside it, not the secret itself: JwtSecretName, JWT_SECRET_ENV,
    // JwtKeyId, JwtSecretPath.
    private static readonly string[] NotASecretSuffixes =
        ["name", "names", "path", "file", "env", "envvar", "variable", "var", "header", "claim", "issuer", "audience", "length", "size", "id", "kid", "section", "setting", "option", "options", "url", "uri", "type", "format"];

    private static readonly string[] ServerOnlyConfigParts = ["servicerole", "servicekey", "secretkey", "sbsecret", "jwtsecret"];

    public static string Normalize(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>A name that holds a JWT signing secret (SB3005): <c>jwtSecret</c>, <c>JWT_SECRET</c>, <c>JwtSigningKey</c>.</summary>
    public static bool IsJwtSecret(string name)
    {
        var normalized = Normalize(name);
        return ContainsAny(normalized, JwtSecretParts) && !EndsWithAny(normalized, NotASecretSuffixes);
    }

    /// <summary>
    /// A configuration key or environment variable that names a server-only Supabase key (SB3006):
    /// <c>SUPABASE_SERVICE_ROLE_KEY</c>, <c>Supabase:ServiceRoleKey</c>, <c>SUPABASE_SECRET_KEY</c>, <c>SUPABASE_JWT_SECRET</c>.
    /// </summary>
    public static bool IsServerOnlyConfiguration(string key) => ContainsAny(Normalize(key), ServerOnlyConfigParts);

    /// <summary>
    /// A value that is itself a name, not a secret: <c>SUPABASE_JWT_SECRET</c>, <c>Supabase:JwtSecret</c>,
    /// <c>Jwt__Key</c> (an environment variable or configuration key read elsewhere).
    /// </summary>
    public static bool LooksLikeAName(string value)
    {
        var upper = true;
        foreach (var c in value)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or ':' or '.' or '-'))
            {
                return false;
            }

            upper &= !char.IsLower(c);
        }

        var separated = value.IndexOf(':') >= 0 || value.IndexOf('.') >= 0 || value.IndexOf("__", System.StringComparison.Ordinal) >= 0;
        var normalized = Normalize(value);
        var namesASecret = normalized.IndexOf("jwt", System.StringComparison.Ordinal) >= 0
            || normalized.IndexOf("secret", System.StringComparison.Ordinal) >= 0
            || normalized.IndexOf("key", System.StringComparison.Ordinal) >= 0;
        return namesASecret && (upper || separated);
    }

    private static bool ContainsAny(string text, string[] parts)
    {
        foreach (var part in parts)
        {
            if (text.IndexOf(part, System.StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithAny(string text, string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (text.EndsWith(suffix, System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

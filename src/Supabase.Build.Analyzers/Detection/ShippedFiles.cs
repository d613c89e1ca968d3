using System.Collections.Generic;

namespace Supabase.Build.Analyzers.Detection;

/// <summary>The files SB3007 reads: what the SDK passes as AdditionalFiles.</summary>
internal enum ShippedFileKind
{
    /// <summary>Not one of ours (another analyzer's additional file): not read.</summary>
    None,

    /// <summary><c>wwwroot/**</c>: served as static files by Blazor WebAssembly and ASP.NET Core alike.</summary>
    WebRoot,

    /// <summary><c>appsettings*.json</c> in the project folder.</summary>
    AppSettings,

    /// <summary><c>.env*</c> in the project folder.</summary>
    DotEnv,
}

/// <summary>Finds secrets in the text of a shipped or served file (SB3007).</summary>
internal static class ShippedFiles
{
    /// <summary>The metadata the SDK's targets set on each AdditionalFiles item it adds.</summary>
    public const string KindMetadata = "build_metadata.AdditionalFiles.SupabaseSecretsFile";

    /// <summary>Larger files (bundles, data) are not read.</summary>
    public const int MaximumLength = 4 * 1024 * 1024;

    private static readonly string[] TemplateSuffixes = [".example", ".sample", ".template", ".dist", ".defaults", ".tmpl"];

    public static ShippedFileKind Classify(string path, string? metadata)
    {
        switch (metadata?.Trim().ToLowerInvariant())
        {
            case "wwwroot": return ShippedFileKind.WebRoot;
            case "appsettings": return ShippedFileKind.AppSettings;
            case "env": return ShippedFileKind.DotEnv;
        }

        // Added by hand, without the SDK's metadata: go by the path.
        var normalized = path.Replace('\\', '/');
        var name = FileName(normalized);
        if (normalized.IndexOf("/wwwroot/", System.StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return ShippedFileKind.WebRoot;
        }

        if (name.StartsWith("appsettings", System.StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase))
        {
            return ShippedFileKind.AppSettings;
        }

        return name.StartsWith(".env", System.StringComparison.OrdinalIgnoreCase) ? ShippedFileKind.DotEnv : ShippedFileKind.None;
    }

    public static string FileName(string path)
    {
        var slash = path.LastIndexOfAny(['/', '\\']);
        return path.Substring(slash + 1);
    }

    /// <summary><c>.env.example</c> and its kin: templates meant to be committed, unlike <c>.env</c> itself.</summary>
    public static bool IsTemplate(string path)
    {
        foreach (var suffix in TemplateSuffixes)
        {
            if (path.EndsWith(suffix, System.StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every secret in <paramref name="text"/>; offsets are in the file's text.</summary>
    public static void Find(string text, string path, List<SecretFinding> findings)
    {
        if (SupabaseJwt.MayContain(text))
        {
            SupabaseJwt.Find(text, SupabaseJwt.ServiceRole, SecretKind.ServiceRoleJwt, findings);
        }

        if (SupabaseApiKeys.MayContainSecretKey(text))
        {
            SupabaseApiKeys.FindSecretKeys(text, findings);
        }

        if (SupabaseApiKeys.MayContainPersonalAccessToken(text))
        {
            SupabaseApiKeys.FindPersonalAccessTokens(text, findings);
        }

        if (ConnectionStrings.MayContain(text))
        {
            ConnectionStrings.Find(text, findings);
        }

        if (WellKnownTokens.MayContain(text))
        {
            WellKnownTokens.Find(text, findings);
        }

        if (path.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase))
        {
            JsonValues.FindNamedSecrets(text, findings);
        }
        else if (FileName(path).StartsWith(".env", System.StringComparison.OrdinalIgnoreCase))
        {
            FindEnvSecrets(text, findings);
        }
    }

    /// <summary>A JWT signing secret in a .env file: <c>JWT_SECRET=...</c> (also <c>export NAME=...</c> and quoted values).</summary>
    private static void FindEnvSecrets(string text, List<SecretFinding> findings)
    {
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            var line = text.Substring(lineStart, lineEnd - lineStart).TrimEnd('\r');
            var equals = line.IndexOf('=');
            if (equals > 0 && !line.TrimStart().StartsWith("#", System.StringComparison.Ordinal))
            {
                var name = line.Substring(0, equals).Trim();
                if (name.StartsWith("export ", System.StringComparison.Ordinal))
                {
                    name = name.Substring("export ".Length).Trim();
                }

                var valueStart = equals + 1;
                while (valueStart < line.Length && line[valueStart] is ' ' or '"' or '\'')
                {
                    valueStart++;
                }

                var valueEnd = line.Length;
                while (valueEnd > valueStart && line[valueEnd - 1] is ' ' or '"' or '\'')
                {
                    valueEnd--;
                }

                var value = line.Substring(valueStart, valueEnd - valueStart);
                if (SecretNames.IsJwtSecret(name) && IsSecretValue(value))
                {
                    findings.Add(new SecretFinding(SecretKind.JwtSigningSecret, lineStart + valueStart, value.Length, name));
                }
            }

            lineStart = lineEnd + 1;
        }
    }

    /// <summary>What a JWT signing secret's value looks like: long, one word, not a placeholder, a name, a URL or a JWT.</summary>
    public static bool IsSecretValue(string value)
    {
        if (value.Length < 16)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return value.IndexOf("://", System.StringComparison.Ordinal) < 0
            && !value.StartsWith("eyJ", System.StringComparison.Ordinal)
            && !Placeholders.IsPlaceholder(value)
            && !SecretNames.LooksLikeAName(value);
    }

    /// <summary>How a message names a finding.</summary>
    public static string Describe(SecretFinding finding) => finding.Kind switch
    {
        SecretKind.ServiceRoleJwt => "Supabase service-role key (" + finding.Display + ")",
        SecretKind.SecretApiKey => "Supabase secret API key (" + finding.Display + ")",
        SecretKind.PersonalAccessToken => "Supabase personal access token (" + finding.Display + ")",
        SecretKind.ConnectionStringPassword => "Database password (connection string to '" + finding.Display + "')",
        SecretKind.JwtSigningSecret => "JWT signing secret ('" + finding.Display + "')",
        _ => WellKnownTokens.Describe(finding.Kind) + " (" + finding.Display + ")",
    };
}

using System.Collections.Generic;

namespace Supabase.Build.Analyzers.Detection;

/// <summary>
/// High-confidence secrets of other services (SB3008): formats with a fixed prefix and a fixed or minimum length, so a
/// match is almost never anything else. Documentation examples (<c>AKIAIOSFODNN7EXAMPLE</c>) and placeholders are not reported.
/// </summary>
internal static class WellKnownTokens
{
    private static readonly string[] GitHubPrefixes = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"];
    private static readonly string[] OpenAiPrefixes = ["sk-proj-", "sk-svcacct-", "sk-admin-"];
    private const string SlackWebhook = "https://hooks.slack.com/services/";
    private const string PemBegin = "-----BEGIN ";
    private const string PemPrivateKey = "PRIVATE KEY";

    /// <summary>What every finding's source text contains.</summary>
    public static readonly Infrastructure.Marker[] Markers =
    [
        new("AKIA"), new("ASIA"), new("_live_"), new("ghp_"), new("gho_"), new("ghu_"), new("ghs_"), new("ghr_"),
        new("github_pat_"), new("hooks.slack.com"), new("sk-"), new(PemPrivateKey),
    ];

    /// <summary>Cheap pre-check for all of them: one of the markers.</summary>
    public static bool MayContain(string value)
    {
        if (value.Length < 20)
        {
            return false;
        }

        foreach (var marker in Markers)
        {
            if (value.IndexOf(marker.Text, marker.Comparison) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    public static void Find(string value, List<SecretFinding> findings)
    {
        FindAws(value, "AKIA", findings);
        FindAws(value, "ASIA", findings);
        FindPrefixed(value, "sk_live_", SecretKind.StripeLiveKey, 20, alphanumericOnly: true, findings);
        FindPrefixed(value, "rk_live_", SecretKind.StripeLiveKey, 20, alphanumericOnly: true, findings);
        foreach (var prefix in GitHubPrefixes)
        {
            FindPrefixed(value, prefix, SecretKind.GitHubToken, 36, alphanumericOnly: true, findings);
        }

        FindPrefixed(value, "github_pat_", SecretKind.GitHubToken, 60, alphanumericOnly: false, findings);
        foreach (var prefix in OpenAiPrefixes)
        {
            FindPrefixed(value, prefix, SecretKind.OpenAiKey, 40, alphanumericOnly: false, findings);
        }

        FindLegacyOpenAi(value, findings);
        FindSlackWebhooks(value, findings);
        FindPemPrivateKeys(value, findings);
    }

    /// <summary>AWS access key ids: AKIA (long-term) or ASIA (temporary) and 16 upper-case letters or digits.</summary>
    private static void FindAws(string value, string prefix, List<SecretFinding> findings)
    {
        for (var index = value.IndexOf(prefix, System.StringComparison.Ordinal); index >= 0; index = value.IndexOf(prefix, index + 1, System.StringComparison.Ordinal))
        {
            var end = index + prefix.Length;
            while (end < value.Length && ((value[end] >= 'A' && value[end] <= 'Z') || (value[end] >= '0' && value[end] <= '9')))
            {
                end++;
            }

            if (end - index == 20 && IsBoundary(value, index - 1) && IsBoundary(value, end)
                && value.IndexOf("EXAMPLE", index, 20, System.StringComparison.Ordinal) < 0
                && !Placeholders.IsPlaceholder(value, index + 4, 16))
            {
                findings.Add(new SecretFinding(SecretKind.AwsAccessKey, index, 20, SecretFinding.Prefix(value, index, 4, 20)));
            }
        }
    }

    private static void FindPrefixed(string value, string prefix, SecretKind kind, int minimumBody, bool alphanumericOnly, List<SecretFinding> findings)
    {
        for (var index = value.IndexOf(prefix, System.StringComparison.Ordinal); index >= 0; index = value.IndexOf(prefix, index + 1, System.StringComparison.Ordinal))
        {
            var bodyStart = index + prefix.Length;
            var end = bodyStart;
            while (end < value.Length && (IsAlphanumeric(value[end]) || (!alphanumericOnly && value[end] is '_' or '-')))
            {
                end++;
            }

            if (end - bodyStart >= minimumBody && IsBoundary(value, index - 1) && IsBoundary(value, end)
                && !Placeholders.IsPlaceholder(value, bodyStart, end - bodyStart))
            {
                findings.Add(new SecretFinding(kind, index, end - index, SecretFinding.Prefix(value, index, prefix.Length, end - index)));
            }
        }
    }

    /// <summary>Legacy OpenAI keys: <c>sk-</c>, 20 characters, <c>T3BlbkFJ</c>, 20 characters.</summary>
    private static void FindLegacyOpenAi(string value, List<SecretFinding> findings)
    {
        const string Marker = "T3BlbkFJ";
        for (var marker = value.IndexOf(Marker, System.StringComparison.Ordinal); marker >= 0; marker = value.IndexOf(Marker, marker + 1, System.StringComparison.Ordinal))
        {
            var index = marker - 23;
            var end = marker + Marker.Length + 20;
            if (index >= 0 && end <= value.Length && string.CompareOrdinal(value, index, "sk-", 0, 3) == 0
                && AllAlphanumeric(value, index + 3, 20) && AllAlphanumeric(value, marker + Marker.Length, 20)
                && IsBoundary(value, index - 1) && IsBoundary(value, end))
            {
                findings.Add(new SecretFinding(SecretKind.OpenAiKey, index, end - index, "sk-…"));
            }
        }
    }

    /// <summary><c>https://hooks.slack.com/services/T…/B…/secret</c>: whoever has the URL can post to the channel.</summary>
    private static void FindSlackWebhooks(string value, List<SecretFinding> findings)
    {
        for (var index = value.IndexOf(SlackWebhook, System.StringComparison.Ordinal); index >= 0; index = value.IndexOf(SlackWebhook, index + 1, System.StringComparison.Ordinal))
        {
            var end = index + SlackWebhook.Length;
            while (end < value.Length && (IsAlphanumeric(value[end]) || value[end] == '/'))
            {
                end++;
            }

            var parts = value.Substring(index + SlackWebhook.Length, end - index - SlackWebhook.Length).Split('/');
            if (parts.Length == 3 && parts[0].Length >= 8 && parts[0][0] == 'T' && parts[1].Length >= 8 && parts[1][0] == 'B'
                && parts[2].Length >= 20 && !Placeholders.IsPlaceholder(parts[2]))
            {
                findings.Add(new SecretFinding(SecretKind.SlackWebhook, index, end - index, SlackWebhook + "T…"));
            }
        }
    }

    /// <summary><c>-----BEGIN [RSA |EC |DSA |OPENSSH |ENCRYPTED ]PRIVATE KEY-----</c> followed by a key body (a bare header is not a key).</summary>
    private static void FindPemPrivateKeys(string value, List<SecretFinding> findings)
    {
        for (var index = value.IndexOf(PemBegin, System.StringComparison.Ordinal); index >= 0; index = value.IndexOf(PemBegin, index + 1, System.StringComparison.Ordinal))
        {
            var labelEnd = value.IndexOf("-----", index + PemBegin.Length, System.StringComparison.Ordinal);
            if (labelEnd < 0 || labelEnd - index > 64)
            {
                continue;
            }

            var label = value.Substring(index + PemBegin.Length, labelEnd - index - PemBegin.Length);
            if (!label.EndsWith(PemPrivateKey, System.StringComparison.Ordinal) && !label.EndsWith(PemPrivateKey + " BLOCK", System.StringComparison.Ordinal))
            {
                continue;
            }

            // The body: base64 (and the header lines of encrypted keys) until "-----END".
            var bodyStart = labelEnd + 5;
            var endMarker = value.IndexOf("-----END ", bodyStart, System.StringComparison.Ordinal);
            var bodyEnd = endMarker < 0 ? value.Length : endMarker;
            var base64 = 0;
            for (var i = bodyStart; i < bodyEnd; i++)
            {
                if (IsAlphanumeric(value[i]) || value[i] is '+' or '/' or '=')
                {
                    base64++;
                }
            }

            if (base64 >= 64)
            {
                var end = value.Length;
                if (endMarker >= 0)
                {
                    var close = value.IndexOf("-----", endMarker + 9, System.StringComparison.Ordinal);
                    end = close >= 0 ? close + 5 : value.Length;
                }

                findings.Add(new SecretFinding(SecretKind.PemPrivateKey, index, end - index, "-----BEGIN " + label + "-----"));
            }
        }
    }

    private static bool IsAlphanumeric(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

    private static bool AllAlphanumeric(string value, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (!IsAlphanumeric(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Position <paramref name="i"/> is outside the string or not part of a token.</summary>
    private static bool IsBoundary(string value, int i) => i < 0 || i >= value.Length || !(IsAlphanumeric(value[i]) || value[i] is '_' or '-');

    /// <summary>The environment variable a server reads each kind from (the code fix's suggestion).</summary>
    public static string EnvironmentVariable(SecretKind kind) => kind switch
    {
        SecretKind.AwsAccessKey => "AWS_ACCESS_KEY_ID",
        SecretKind.StripeLiveKey => "STRIPE_SECRET_KEY",
        SecretKind.GitHubToken => "GITHUB_TOKEN",
        SecretKind.SlackWebhook => "SLACK_WEBHOOK_URL",
        SecretKind.OpenAiKey => "OPENAI_API_KEY",
        _ => "PRIVATE_KEY_PEM",
    };

    /// <summary>The configuration key for the same (the code fix's IConfiguration suggestion).</summary>
    public static string ConfigurationKey(SecretKind kind) => kind switch
    {
        SecretKind.AwsAccessKey => "AWS:AccessKeyId",
        SecretKind.StripeLiveKey => "Stripe:SecretKey",
        SecretKind.GitHubToken => "GitHub:Token",
        SecretKind.SlackWebhook => "Slack:WebhookUrl",
        SecretKind.OpenAiKey => "OpenAI:ApiKey",
        _ => "PrivateKeyPem",
    };

    /// <summary>How a message names each kind.</summary>
    public static string Describe(SecretKind kind) => kind switch
    {
        SecretKind.AwsAccessKey => "AWS access key ID",
        SecretKind.StripeLiveKey => "Stripe live secret key",
        SecretKind.GitHubToken => "GitHub token",
        SecretKind.SlackWebhook => "Slack webhook URL",
        SecretKind.OpenAiKey => "OpenAI API key",
        _ => "PEM private key",
    };
}

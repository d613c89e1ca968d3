using System.Collections.Generic;

namespace Supabase.Build.Analyzers.Detection;

/// <summary>
/// Supabase's opaque keys: the secret API key <c>sb_secret_...</c> (SB3002; bypasses Row Level Security like the
/// service-role JWT) and the personal access token <c>sbp_...</c> (SB3003; the Management API, every project of the
/// account). The publishable key <c>sb_publishable_...</c> is meant to be public and is never reported.
/// </summary>
internal static class SupabaseApiKeys
{
    public const string SecretKeyPrefix = "sb_secret_";
    public const string PersonalAccessTokenPrefix = "sbp_";

    /// <summary>The minimum number of key characters after the prefix for a real key (real ones have 30 or more).</summary>
    private const int MinimumBody = 20;

    private const int BodyShown = 4;

    public static readonly Infrastructure.Marker[] SecretKeyMarkers = [new(SecretKeyPrefix)];

    public static readonly Infrastructure.Marker[] PersonalAccessTokenMarkers = [new(PersonalAccessTokenPrefix)];

    public static bool MayContainSecretKey(string value) => value.IndexOf(SecretKeyPrefix, System.StringComparison.Ordinal) >= 0;

    public static bool MayContainPersonalAccessToken(string value) => value.IndexOf(PersonalAccessTokenPrefix, System.StringComparison.Ordinal) >= 0;

    public static void FindSecretKeys(string value, List<SecretFinding> findings) =>
        Find(value, SecretKeyPrefix, SecretKind.SecretApiKey, findings);

    public static void FindPersonalAccessTokens(string value, List<SecretFinding> findings) =>
        Find(value, PersonalAccessTokenPrefix, SecretKind.PersonalAccessToken, findings);

    private static void Find(string value, string prefix, SecretKind kind, List<SecretFinding> findings)
    {
        var index = value.IndexOf(prefix, System.StringComparison.Ordinal);
        while (index >= 0)
        {
            var bodyStart = index + prefix.Length;
            var end = bodyStart;
            while (end < value.Length && IsKeyChar(value[end]))
            {
                end++;
            }

            var boundary = index == 0 || !(char.IsLetterOrDigit(value[index - 1]) || value[index - 1] == '_');
            if (boundary && end - bodyStart >= MinimumBody && !Placeholders.IsPlaceholder(value, bodyStart, end - bodyStart))
            {
                findings.Add(new SecretFinding(kind, index, end - index, SecretFinding.Prefix(value, index, prefix.Length + BodyShown, end - index)));
            }

            index = value.IndexOf(prefix, System.Math.Max(end, bodyStart), System.StringComparison.Ordinal);
        }
    }

    private static bool IsKeyChar(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

using System.Collections.Generic;
using System.Text;

namespace Supabase.Build.Analyzers.Detection;

/// <summary>
/// Finds JWTs (<c>header.payload.signature</c>, each base64url, header and payload JSON objects) and reads the
/// <c>role</c> claim Supabase/PostgREST keys carry: <c>service_role</c> (SB3001) or <c>anon</c> (SB3009). Other roles,
/// malformed tokens and the Supabase CLI's public local-development keys (<c>"iss": "supabase-demo"</c>) are not findings.
/// </summary>
internal static class SupabaseJwt
{
    public const string ServiceRole = "service_role";
    public const string AnonRole = "anon";

    // A JSON object in base64url starts with "eyJ" ('{"'), or "eyA"/"ew" with whitespace.
    private const string Marker = "eyJ";
    private const int MaxSegment = 16 * 1024;
    private const int PrefixShown = 10;

    /// <summary>What every JWT's source text contains (see <see cref="Infrastructure.StringTokens"/>).</summary>
    public static readonly Infrastructure.Marker[] Markers = [new(Marker)];

    /// <summary>Cheap pre-check: could <paramref name="value"/> hold a JWT at all?</summary>
    public static bool MayContain(string value) => value.Length >= 24 && value.IndexOf(Marker, System.StringComparison.Ordinal) >= 0;

    /// <summary>Every service-role (<paramref name="role"/> = service_role) or anon JWT in <paramref name="value"/>.</summary>
    public static void Find(string value, string role, SecretKind kind, List<SecretFinding> findings)
    {
        var index = value.IndexOf(Marker, System.StringComparison.Ordinal);
        while (index >= 0)
        {
            var next = index + Marker.Length;
            if ((index == 0 || !Base64Url.IsChar(value[index - 1])) && TryRead(value, index, out var length, out var claims))
            {
                next = index + length;
                if (claims.TryGetValue("role", out var found) && found == role
                    && !(claims.TryGetValue("iss", out var issuer) && issuer == "supabase-demo"))
                {
                    findings.Add(new SecretFinding(kind, index, length, SecretFinding.Prefix(value, index, PrefixShown, length)));
                }
            }

            index = next < value.Length ? value.IndexOf(Marker, next, System.StringComparison.Ordinal) : -1;
        }
    }

    /// <summary>Reads a whole JWT at <paramref name="start"/>: its length and its payload's top-level string claims.</summary>
    private static bool TryRead(string value, int start, out int length, out Dictionary<string, string> claims)
    {
        length = 0;
        claims = null!;
        var headerEnd = RunEnd(value, start);
        if (headerEnd >= value.Length || value[headerEnd] != '.' || headerEnd - start > MaxSegment)
        {
            return false;
        }

        var payloadStart = headerEnd + 1;
        var payloadEnd = RunEnd(value, payloadStart);
        if (payloadEnd == payloadStart || payloadEnd >= value.Length || value[payloadEnd] != '.' || payloadEnd - payloadStart > MaxSegment)
        {
            return false;
        }

        var signatureStart = payloadEnd + 1;
        var signatureEnd = RunEnd(value, signatureStart);
        if (signatureEnd == signatureStart)
        {
            return false;
        }

        var header = DecodeObject(value, start, headerEnd - start);
        if (header is null || !header.ContainsKey("alg"))
        {
            return false;
        }

        var payload = DecodeObject(value, payloadStart, payloadEnd - payloadStart);
        if (payload is null)
        {
            return false;
        }

        length = signatureEnd - start;
        claims = payload;
        return true;
    }

    private static int RunEnd(string value, int start)
    {
        var i = start;
        while (i < value.Length && Base64Url.IsChar(value[i]))
        {
            i++;
        }

        return i;
    }

    private static Dictionary<string, string>? DecodeObject(string value, int start, int length)
    {
        var bytes = Base64Url.Decode(value, start, length);
        if (bytes is null || bytes.Length < 2)
        {
            return null;
        }

        string json;
        try
        {
            json = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.ArgumentException)
        {
            return null;
        }

        return JsonClaims.ReadTopLevelStrings(json);
    }
}

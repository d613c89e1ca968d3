using System.Security.Cryptography;
using System.Text;

namespace Supabase.Build.Analyzers.Tests.Support;

/// <summary>
/// Made-up secrets in the real formats, built at run time so that no string literal in this project holds one (the
/// analyzers run on this repository's sources too). JWTs are encoded from header and payload JSON with a fake
/// signature; opaque keys get pseudo-random bodies from a fixed seed, so test output is stable.
/// </summary>
internal static class SyntheticSecrets
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Hex = "0123456789abcdef";

    public static string Jwt(string headerJson, string payloadJson) =>
        string.Join('.', Base64Url(headerJson), Base64Url(payloadJson), FakeSignature(headerJson + payloadJson));

    public static string SupabaseJwt(string role, string issuer = "supabase") =>
        Jwt("""{"alg":"HS256","typ":"JWT"}""", $$"""{"iss":"{{issuer}}","ref":"abcdefghijklmnopqrst","role":"{{role}}","iat":1700000000,"exp":2015576000}""");

    public static string ServiceRoleJwt => SupabaseJwt("service_role");

    public static string AnonJwt => SupabaseJwt("anon");

    public static string SecretKey => Join("sb", "_secret_", Body(Alphanumeric, 32, 1));

    public static string PublishableKey => Join("sb", "_publishable_", Body(Alphanumeric, 32, 2));

    public static string PersonalAccessToken => Join("sb", "p_", Body(Hex, 40, 3));

    public static string Password => Join("Pq7", Body(Alphanumeric, 17, 4));

    public static string JwtSigningSecret => Join("k9", Body(Alphanumeric, 38, 5));

    public static string AwsAccessKeyId => Join("AK", "IA", Body("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 6));

    public static string StripeLiveKey => Join("sk", "_live_", Body(Alphanumeric, 32, 7));

    public static string StripeRestrictedKey => Join("rk", "_live_", Body(Alphanumeric, 32, 8));

    public static string StripeTestKey => Join("sk", "_test_", Body(Alphanumeric, 32, 9));

    public static string GitHubToken => Join("gh", "p_", Body(Alphanumeric, 36, 10));

    public static string GitHubFineGrainedToken => Join("github", "_pat_", Body(Alphanumeric, 22, 11), "_", Body(Alphanumeric, 59, 12));

    public static string SlackWebhook => Join("https://hooks.", "slack.com/services/", "T", Body("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 9, 13), "/B", Body("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 9, 14), "/", Body(Alphanumeric, 24, 15));

    public static string OpenAiProjectKey => Join("sk", "-proj-", Body(Alphanumeric, 48, 16));

    public static string OpenAiLegacyKey => Join("sk", "-", Body(Alphanumeric, 20, 17), "T3Blbk", "FJ", Body(Alphanumeric, 20, 18));

    public static string PemPrivateKey => Join(
        "-----BEGIN RSA ", "PRIVATE KEY-----\n",
        string.Join('\n', Enumerable.Range(0, 4).Select(i => Body(Alphanumeric + "+/", 64, 20 + i))),
        "\n-----END RSA ", "PRIVATE KEY-----");

    /// <summary>A direct connection to a hosted Supabase database, with a password.</summary>
    public static string DatabaseUri => Join("postgresql://postgres:", Password, "@db.abcdefghijklmnopqrst.supabase.co:5432/postgres");

    /// <summary>The same through the Supavisor pooler (user postgres.&lt;ref&gt;, port 6543).</summary>
    public static string PoolerUri => Join("postgres://postgres.abcdefghijklmnopqrst:", Password, "@aws-0-eu-central-1.pooler.supabase.com:6543/postgres");

    public static string NpgsqlConnectionString => Join("Host=db.abcdefghijklmnopqrst.supabase.co;Port=5432;Database=postgres;Username=postgres;Password=", Password, ";SSL Mode=Require");

    /// <summary>The first characters of a secret, as a diagnostic may show them.</summary>
    public static string Shown(string secret, int length) => secret[..length] + "…";

    private static string Join(params string[] parts) => string.Concat(parts);

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FakeSignature(string seed) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("fake signature " + seed))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Body(string alphabet, int length, int seed)
    {
        var random = new Random(seed);
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }
}

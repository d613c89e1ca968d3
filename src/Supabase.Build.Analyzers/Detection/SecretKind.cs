namespace Supabase.Build.Analyzers.Detection;

/// <summary>Everything the scanners recognise. Each kind belongs to one rule.</summary>
internal enum SecretKind
{
    /// <summary>SB3001: a JWT whose payload says <c>"role": "service_role"</c>.</summary>
    ServiceRoleJwt,

    /// <summary>SB3002: <c>sb_secret_...</c>.</summary>
    SecretApiKey,

    /// <summary>SB3003: <c>sbp_...</c>, a personal access token for the Management API.</summary>
    PersonalAccessToken,

    /// <summary>SB3004: a PostgreSQL URI or keyword connection string with a password.</summary>
    ConnectionStringPassword,

    /// <summary>SB3005 (and SB3007 in files): the JWT signing secret, found by the name it is given.</summary>
    JwtSigningSecret,

    /// <summary>SB3008: AKIA/ASIA access key ids.</summary>
    AwsAccessKey,

    /// <summary>SB3008: <c>sk_live_</c> / <c>rk_live_</c>.</summary>
    StripeLiveKey,

    /// <summary>SB3008: <c>ghp_</c>, <c>gho_</c>, <c>ghu_</c>, <c>ghs_</c>, <c>ghr_</c>, <c>github_pat_</c>.</summary>
    GitHubToken,

    /// <summary>SB3008: <c>https://hooks.slack.com/services/T.../B.../...</c>.</summary>
    SlackWebhook,

    /// <summary>SB3008: <c>sk-proj-</c>, <c>sk-svcacct-</c>, <c>sk-admin-</c> and legacy <c>sk-...T3BlbkFJ...</c>.</summary>
    OpenAiKey,

    /// <summary>SB3008: a PEM private key with its body.</summary>
    PemPrivateKey,

    /// <summary>SB3009: a JWT whose payload says <c>"role": "anon"</c> (not a secret; superseded by the publishable key).</summary>
    AnonJwt,
}

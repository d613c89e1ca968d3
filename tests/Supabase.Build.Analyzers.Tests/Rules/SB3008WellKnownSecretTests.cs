using Microsoft.CodeAnalysis;
using Supabase.Build.Analyzers.Tests.Support;
using static Supabase.Build.Analyzers.Tests.Support.SyntheticSecrets;
using Verifier = Supabase.Build.Analyzers.Tests.Support.Verify<Supabase.Build.Analyzers.Rules.SB3008WellKnownSecretAnalyzer>;

namespace Supabase.Build.Analyzers.Tests.Rules;

public sealed class SB3008WellKnownSecretTests
{
    public static TheoryData<string, string, string> Secrets => new()
    {
        { "AWS access key ID", AwsAccessKeyId, "AKIA…" },
        { "Stripe live secret key", StripeLiveKey, "sk_live_…" },
        { "Stripe live secret key", StripeRestrictedKey, "rk_live_…" },
        { "GitHub token", GitHubToken, "ghp_…" },
        { "GitHub token", GitHubFineGrainedToken, "github_pat_…" },
        { "Slack webhook URL", SlackWebhook, "https://hooks.slack.com/services/T…" },
        { "OpenAI API key", OpenAiProjectKey, "sk-proj-…" },
        { "OpenAI API key", OpenAiLegacyKey, "sk-…" },
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public async Task Each_format_is_reported_with_its_name_and_prefix_only(string description, string secret, string shown)
    {
        await Verifier.AnalyzerAsync(
            $$"""class Keys { const string Key = "{|#0:{{secret}}|}"; }""",
            TestProject.Server,
            Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0));

        var diagnostic = Assert.Single((await AnalyzerRunner.RunAsync($$"""class Keys { const string Key = "{{secret}}"; }""", TestProject.Server)).Secrets);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith($"{description} ({shown}) in source;", message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
    }

    [Fact]
    public Task A_pem_private_key_with_its_body_is_reported_on_the_literal_that_spells_it_out() => Verifier.AnalyzerAsync(
        $$""""
        class Certificates
        {
            const string Key = {|#0:"""
                {{PemPrivateKey.Replace("\n", "\n        ", StringComparison.Ordinal)}}
                """|};
        }
        """",
        TestProject.Wpf,
        Verifier.Diagnostic(DiagnosticSeverity.Error).WithLocation(0));

    [Fact]
    public Task Examples_test_keys_bare_pem_headers_and_near_misses_are_not_reported() => Verifier.AnalyzerAsync(
        $$"""
        class NotSecrets
        {
            const string AwsDocs = "AKIAIOSFODNN7EXAMPLE";
            const string AwsShort = "AKIA1234";
            const string StripeTest = "{{StripeTestKey}}";
            const string StripePublishable = "pk_live_51H8abcdefghijklmnopqrstuv";
            const string GitHubShort = "ghp_abc";
            const string PemHeader = "-----BEGIN PRIVATE KEY-----";
            const string PemFooter = "-----END PRIVATE KEY-----";
            const string PublicKey = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0\n-----END PUBLIC KEY-----";
            const string SlackDocs = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
            const string OpenAiPrefix = "sk-proj-";
            const string Css = "mask-image: linear-gradient(...)";
        }
        """,
        TestProject.BlazorWebAssembly);
}

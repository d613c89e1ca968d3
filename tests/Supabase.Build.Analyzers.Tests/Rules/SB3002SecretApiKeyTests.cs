using Microsoft.CodeAnalysis;
using Supabase.Build.Analyzers.Tests.Support;
using static Supabase.Build.Analyzers.Tests.Support.SyntheticSecrets;
using Verifier = Supabase.Build.Analyzers.Tests.Support.Verify<Supabase.Build.Analyzers.Rules.SB3002SecretApiKeyAnalyzer>;

namespace Supabase.Build.Analyzers.Tests.Rules;

public sealed class SB3002SecretApiKeyTests
{
    [Fact]
    public Task Secret_key_is_an_error_in_a_client_and_a_warning_on_a_server() => Task.WhenAll(
        Verifier.AnalyzerAsync(
            $$"""class Keys { const string Secret = "{|#0:{{SecretKey}}|}"; }""",
            TestProject.BlazorWebAssembly,
            Verifier.Diagnostic(DiagnosticSeverity.Error).WithLocation(0)),
        Verifier.AnalyzerAsync(
            $$"""class Keys { string Header(string id) => $"apikey: {|#0:{{SecretKey}}|}; id={id}"; }""",
            TestProject.Server,
            Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0)),
        Verifier.AnalyzerAsync(
            $$"""class Keys { const string Secret = "{|#0:{{SecretKey}}|}"; }""",
            TestProject.Tests,
            Verifier.Diagnostic(DiagnosticSeverity.Info).WithLocation(0)));

    [Fact]
    public Task Publishable_keys_placeholders_and_prefixes_alone_are_not_reported() => Verifier.AnalyzerAsync(
        $$"""
        class Keys
        {
            const string Publishable = "{{PublishableKey}}";
            const string Prefix = "sb_secret_";
            const string Docs = "Secret keys start with sb_secret_ and are 40 characters long";
            const string Placeholder1 = "sb_secret_your_secret_key_here_please";
            const string Placeholder2 = "sb_secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
            const string Short = "sb_secret_abc123";
            const string Glued = "xsb_secret_Zk3pQ9vR2mW8tY6uB1nC4dF7gH";
        }
        """,
        TestProject.BlazorWebAssembly);

    [Fact]
    public async Task The_message_shows_the_prefix_and_four_characters_at_most()
    {
        var diagnostic = Assert.Single((await AnalyzerRunner.RunAsync($$"""class K { const string S = "{{SecretKey}}"; }""", TestProject.Server)).Secrets);

        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith($"Supabase secret API key ({Shown(SecretKey, 14)}) bypasses Row Level Security", message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey[..15], message, StringComparison.Ordinal);
    }
}

using Microsoft.CodeAnalysis;
using Supabase.Build.Analyzers.Tests.Support;
using static Supabase.Build.Analyzers.Tests.Support.SyntheticSecrets;
using Verifier = Supabase.Build.Analyzers.Tests.Support.Verify<Supabase.Build.Analyzers.Rules.SB3009LegacyAnonKeyAnalyzer>;

namespace Supabase.Build.Analyzers.Tests.Rules;

public sealed class SB3009LegacyAnonKeyTests
{
    [Theory]
    [InlineData("client")]
    [InlineData("server")]
    public Task The_legacy_anon_key_is_info_everywhere(string kind) => Verifier.AnalyzerAsync(
        $$"""class Supabase { const string AnonKey = "{|#0:{{AnonJwt}}|}"; }""",
        kind == "client" ? TestProject.BlazorWebAssembly : TestProject.Server,
        Verifier.Diagnostic(DiagnosticSeverity.Info).WithLocation(0));

    [Fact]
    public Task Publishable_service_role_other_roles_and_the_local_demo_key_are_not_reported() => Verifier.AnalyzerAsync(
        $$"""
        class Supabase
        {
            const string Publishable = "{{PublishableKey}}";
            const string LocalAnon = "{{SupabaseJwt("anon", issuer: "supabase-demo")}}";
            const string Authenticated = "{{SupabaseJwt("authenticated")}}";
        }
        """,
        TestProject.BlazorWebAssembly);

    [Fact]
    public async Task The_message_suggests_the_publishable_key()
    {
        var diagnostic = Assert.Single((await AnalyzerRunner.RunAsync($$"""class C { const string K = "{{AnonJwt}}"; }""", TestProject.BlazorWebAssembly)).Secrets, d => d.Id == "SB3009");

        Assert.Equal(
            $"Legacy Supabase anon key ({Shown(AnonJwt, 10)}); use the publishable key (sb_publishable_...) from the project's API settings, which can be rotated without signing every user out",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}

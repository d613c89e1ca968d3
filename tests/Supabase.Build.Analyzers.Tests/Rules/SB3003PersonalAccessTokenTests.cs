using Microsoft.CodeAnalysis;
using Supabase.Build.Analyzers.Tests.Support;
using static Supabase.Build.Analyzers.Tests.Support.SyntheticSecrets;
using Verifier = Supabase.Build.Analyzers.Tests.Support.Verify<Supabase.Build.Analyzers.Rules.SB3003PersonalAccessTokenAnalyzer>;

namespace Supabase.Build.Analyzers.Tests.Rules;

public sealed class SB3003PersonalAccessTokenTests
{
    [Fact]
    public Task Personal_access_token_is_reported_in_any_kind_of_project() => Task.WhenAll(
        Verifier.AnalyzerAsync(
            $$"""
            class Deploy
            {
                static readonly System.Collections.Generic.Dictionary<string, string> Headers = new()
                {
                    ["Authorization"] = "Bearer {|#0:{{PersonalAccessToken}}|}",
                };
            }
            """,
            TestProject.Server,
            Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0)),
        Verifier.AnalyzerAsync(
            $$"""class Deploy { const string Token = "{|#0:{{PersonalAccessToken}}|}"; }""",
            TestProject.Maui,
            Verifier.Diagnostic(DiagnosticSeverity.Error).WithLocation(0)));

    [Fact]
    public Task Short_placeholder_and_unrelated_sbp_strings_are_not_reported() => Verifier.AnalyzerAsync(
        """
        class NotTokens
        {
            const string Env = "SUPABASE_ACCESS_TOKEN";
            const string Prefix = "sbp_";
            const string Short = "sbp_1234abcd";
            const string Placeholder = "sbp_<your-personal-access-token-goes-here>";
            const string Masked = "sbp_****************************************";
            const string Word = "wsbp_0123456789abcdef0123456789abcdef01234567";
        }
        """,
        TestProject.Server);
}

using Microsoft.CodeAnalysis;
using Supabase.Build.Analyzers.Rules;
using Supabase.Build.Analyzers.Tests.Support;
using static Supabase.Build.Analyzers.Tests.Support.SyntheticSecrets;
using Verifier = Supabase.Build.Analyzers.Tests.Support.Verify<Supabase.Build.Analyzers.Rules.SB3001ServiceRoleKeyAnalyzer>;

namespace Supabase.Build.Analyzers.Tests.Rules;

public sealed class SB3001ServiceRoleKeyTests
{
    private static readonly string Key = ServiceRoleJwt;

    public static TheoryData<TestProject> ClientProjects => new()
    {
        TestProject.BlazorWebAssembly, TestProject.Maui, TestProject.Wpf, TestProject.WindowsForms, TestProject.WinExe,
        TestProject.BrowserPlatform, TestProject.Ios, TestProject.DeclaredClient,
    };

    public static TheoryData<TestProject> ServerProjects => new() { TestProject.Server, TestProject.WebSdk, TestProject.BlazorDeclaredServer };

    [Theory]
    [MemberData(nameof(ClientProjects))]
    public Task Is_an_error_in_a_client_project(TestProject project) => Verifier.AnalyzerAsync(
        $$"""
        class Supabase
        {
            const string ServiceKey = "{|#0:{{Key}}|}";
        }
        """,
        project,
        Verifier.Diagnostic(DiagnosticSeverity.Error).WithLocation(0));

    [Theory]
    [MemberData(nameof(ServerProjects))]
    public Task Is_a_warning_in_a_server_project(TestProject project) => Verifier.AnalyzerAsync(
        $$"""
        class Supabase
        {
            static readonly string ServiceKey = "{|#0:{{Key}}|}";
        }
        """,
        project,
        Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0));

    [Fact]
    public Task Is_info_in_a_test_project() => Verifier.AnalyzerAsync(
        $$"""
        class Fixture
        {
            string Key => "{|#0:{{Key}}|}";
        }
        """,
        TestProject.Tests,
        Verifier.Diagnostic(DiagnosticSeverity.Info).WithLocation(0));

    [Fact]
    public Task Is_found_in_every_kind_of_string_literal() => Verifier.AnalyzerAsync(
        $$""""
        using System;

        [Obsolete("{|#0:{{Key}}|}")]
        class Forms
        {
            string Verbatim = @"{|#1:{{Key}}|}";
            string Raw = """{|#2:{{Key}}|}""";
            string MultiLineRaw = """
                {"url": "https://abcdefghijklmnopqrst.supabase.co", "key": "{|#3:{{Key}}|}"}
                """;
            ReadOnlySpan<byte> Utf8 => "{|#4:{{Key}}|}"u8;
            void Call(string key = "{|#5:{{Key}}|}") => Call(key: "{|#6:{{Key}}|}");
        }
        """",
        TestProject.Server,
        Enumerable.Range(0, 7).Select(i => Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(i)).ToArray());

    [Fact]
    public Task A_key_split_over_a_constant_concatenation_is_reported_once_on_the_whole_expression() => Verifier.AnalyzerAsync(
        $$"""
        class Supabase
        {
            const string ServiceKey = {|#0:"{{Key[..40]}}" +
                "{{Key[40..90]}}" + ("{{Key[90..]}}")|};
        }
        """,
        TestProject.Server,
        Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0));

    [Fact]
    public Task A_key_in_a_constant_interpolated_string_is_reported() => Verifier.AnalyzerAsync(
        $$"""
        class Supabase
        {
            const string Scheme = "Bearer";
            const string Header = $"{Scheme} {|#0:{{Key}}|}";
        }
        """,
        TestProject.Server,
        Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0));

    [Fact]
    public Task A_key_beside_a_runtime_value_in_an_interpolated_string_is_reported() => Verifier.AnalyzerAsync(
        $$"""
        class Supabase
        {
            string Header(string user) => $"user={user}; apikey={|#0:{{Key}}|}";
        }
        """,
        TestProject.Server,
        Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0));

    [Fact]
    public Task Two_keys_in_one_string_are_two_findings() => Verifier.AnalyzerAsync(
        $$""""
        class Supabase
        {
            const string Json = """
                [ "{|#0:{{Key}}|}", "{|#1:{{SupabaseJwt("service_role", "https://abcdefghijklmnopqrst.supabase.co/auth/v1")}}|}" ]
                """;
        }
        """",
        TestProject.Server,
        Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0),
        Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(1));

    [Fact]
    public Task The_same_key_twice_in_one_literal_is_reported_at_both_places() => Verifier.AnalyzerAsync(
        $$"""
        class Supabase
        {
            const string Both = "primary={|#0:{{Key}}|};backup={|#1:{{Key}}|}";
        }
        """,
        TestProject.Server,
        Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0),
        Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(1));

    [Fact]
    public Task Escape_sequences_around_or_inside_the_key_are_decoded()
    {
        var dot = Key.IndexOf('.', StringComparison.Ordinal);
        return Verifier.AnalyzerAsync(
            $$"""
            class Supabase
            {
                const string Line = "key:\t{|#0:{{Key}}|}\n";
                const string Unicode = {|#1:"{{Key[..dot]}}\u002e{{Key[(dot + 1)..]}}"|};
            }
            """,
            TestProject.Server,
            Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0),
            Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(1));
    }

    [Fact]
    public Task Other_roles_the_demo_key_placeholders_and_broken_tokens_are_not_reported()
    {
        var parts = Key.Split('.');
        return Verifier.AnalyzerAsync(
            $$"""
            class NotSecrets
            {
                string Anon = "{{AnonJwt}}";
                string Authenticated = "{{SupabaseJwt("authenticated")}}";
                string Custom = "{{SupabaseJwt("service_role_reader")}}";
                string LocalDevelopment = "{{SupabaseJwt("service_role", issuer: "supabase-demo")}}";
                string Placeholder1 = "your-service-role-key";
                string Placeholder2 = "<SERVICE_ROLE_KEY>";
                string NoSignature = "{{parts[0]}}.{{parts[1]}}.";
                string TwoParts = "{{parts[0]}}.{{parts[1]}}";
                string NotJson = "{{parts[0]}}.eyJub3QganNvbg.{{parts[2]}}";
                string GluedToMore = "x{{Key}}";
                // A comment is not a string: {{Key}}
            }
            """,
            TestProject.BlazorWebAssembly);
    }

    [Fact]
    public Task A_key_assembled_at_run_time_is_not_reported()
    {
        var dot = Key.IndexOf('.', StringComparison.Ordinal);
        return Verifier.AnalyzerAsync(
            $$"""
            class Supabase
            {
                string Key(string payload) => "{{Key[..(dot + 1)]}}" + payload + ".signature";
            }
            """,
            TestProject.BlazorWebAssembly);
    }

    [Fact]
    public async Task The_message_shows_a_short_prefix_and_the_advice_for_the_project_kind_never_the_key()
    {
        var source = $$"""class C { const string K = "{{Key}}"; }""";

        var client = Assert.Single((await AnalyzerRunner.RunAsync(source, TestProject.BlazorWebAssembly)).Secrets);
        var server = Assert.Single((await AnalyzerRunner.RunAsync(source, TestProject.Server)).Secrets);

        Assert.Equal(
            $"Supabase service-role key ({Shown(Key, 10)}) bypasses Row Level Security; this is a client project, so everyone who gets the app can read it: keep the secret on a server (an API or a Supabase Edge Function) and call that",
            client.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("SUPABASE_SERVICE_ROLE_KEY environment variable", server.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..11], client.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("https://github.com/supabase-build/Supabase.Build/blob/main/docs/rules/SB3001.md", client.Descriptor.HelpLinkUri);
    }

    [Fact]
    public Task Pragma_suppresses_it() => Verifier.AnalyzerAsync(
        $$"""
        class Supabase
        {
        #pragma warning disable SB3001 // rotated, kept for a migration test
            const string Old = "{{Key}}";
        #pragma warning restore SB3001
        }
        """,
        TestProject.BlazorWebAssembly);
}

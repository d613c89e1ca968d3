using Microsoft.CodeAnalysis;
using Supabase.Build.Analyzers.Tests.Support;
using static Supabase.Build.Analyzers.Tests.Support.SyntheticSecrets;
using Verifier = Supabase.Build.Analyzers.Tests.Support.Verify<Supabase.Build.Analyzers.Rules.SB3005JwtSecretAnalyzer>;

namespace Supabase.Build.Analyzers.Tests.Rules;

public sealed class SB3005JwtSecretTests
{
    private static readonly string Secret = JwtSigningSecret;

    // The shape of Microsoft.IdentityModel.Tokens' key, so the test needs no package.
    private const string IdentityModel = """
        namespace Microsoft.IdentityModel.Tokens
        {
            public class SymmetricSecurityKey { public SymmetricSecurityKey(byte[] key) { } }
        }
        """;

    [Fact]
    public Task A_literal_given_a_jwt_secret_name_is_reported_wherever_it_goes() => Verifier.AnalyzerAsync(
        $$"""
        using System;
        using System.Collections.Generic;

        class AuthOptions
        {
            public string JwtSecret { get; set; } = {|#0:"{{Secret}}"|};
            public string SigningKey { get; set; } = "";
            public static string JWT_SIGNING_KEY => {|#1:"{{Secret}}"|};
        }

        class Startup
        {
            const string SupabaseJwtSecret = {|#2:"{{Secret}}"|};
            static readonly string jwtKey = {|#3:"{{Secret}}"|};

            void Configure(AuthOptions options, Dictionary<string, string?> settings)
            {
                var jwtSecret = {|#4:"{{Secret}}"|};
                options.JwtSecret = {|#5:"{{Secret}}"|};
                settings["Supabase:JwtSecret"] = {|#6:"{{Secret}}"|};
                settings.Add("JWT_SECRET", {|#7:"{{Secret}}"|});
                Environment.SetEnvironmentVariable("SUPABASE_JWT_SECRET", {|#8:"{{Secret}}"|});
                Validate(jwtSecret: {|#9:"{{Secret}}"|});
                var config = new Dictionary<string, string?> { ["Jwt:Key"] = {|#10:"{{Secret}}"|} };
            }

            void Validate(string jwtSecret) { }
        }
        """,
        TestProject.Server,
        Enumerable.Range(0, 11).Select(i => Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(i)).ToArray());

    [Fact]
    public Task The_bytes_of_a_symmetric_signing_key_are_reported_whatever_the_names() => Verifier.AnalyzerAsync(
        $$"""
        using System;
        using System.Text;
        using Microsoft.IdentityModel.Tokens;

        class Tokens
        {
            SymmetricSecurityKey Utf8() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes({|#0:"{{Secret}}"|}));
            SymmetricSecurityKey Base64() => new(Convert.FromBase64String({|#1:"{{Secret}}"|}));
        }
        {{IdentityModel}}
        """,
        TestProject.BlazorWebAssembly,
        Verifier.Diagnostic(DiagnosticSeverity.Error).WithLocation(0),
        Verifier.Diagnostic(DiagnosticSeverity.Error).WithLocation(1));

    [Fact]
    public Task Names_of_secrets_short_values_placeholders_and_other_names_are_not_reported() => Verifier.AnalyzerAsync(
        $$"""
        using System;
        using System.Collections.Generic;

        class Settings
        {
            const string JwtSecretName = "SUPABASE_JWT_SECRET";
            const string JwtSecretKey = "Supabase:JwtSecret";
            const string JwtSecretEnv = "{{Secret}}";
            string JwtIssuer = "https://abcdefghijklmnopqrst.supabase.co/auth/v1";
            string JwtSecret1 = "short-secret";
            string JwtSecret2 = "your-jwt-secret-goes-here-please";
            string JwtSecret3 = "<JWT_SECRET_FROM_DASHBOARD>";
            string JwtSecret4 = "the secret is in the vault";
            string JwtKeyId = "{{Secret}}";
            string ApiSecret = "{{Secret}}";
            string Secret = "{{Secret}}";

            void Read(Dictionary<string, string> settings)
            {
                var value = settings["Jwt:Secret"];
                Log("jwtSecret", "{{Secret}}".Length);
                var jwtSecret = Environment.GetEnvironmentVariable("SUPABASE_JWT_SECRET");
            }

            void Log(string name, int length) { }
        }
        """,
        TestProject.Server);

    [Fact]
    public async Task The_message_names_the_destination_never_the_value()
    {
        var diagnostic = Assert.Single((await AnalyzerRunner.RunAsync($$"""class C { string JwtSecret = "{{Secret}}"; }""", TestProject.Server)).Secrets);

        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("'JwtSecret' is given a literal JWT signing secret, with which anyone can sign tokens for any role;", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret[..4], message, StringComparison.Ordinal);
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Supabase.Build.Analyzers.Tests.Support;
using static Supabase.Build.Analyzers.Tests.Support.SyntheticSecrets;
using Verifier = Supabase.Build.Analyzers.Tests.Support.Verify<Supabase.Build.Analyzers.Rules.SB3007ShippedFileSecretAnalyzer>;

namespace Supabase.Build.Analyzers.Tests.Rules;

public sealed class SB3007ShippedFileSecretTests
{
    private const string Code = "class Program { }";

    private static string AppSettings(string serviceRoleKey) => $$"""
        {
          "Logging": { "LogLevel": { "Default": "Information" } },
          "Supabase": {
            "Url": "https://abcdefghijklmnopqrst.supabase.co",
            "AnonKey": "{{AnonJwt}}",
            "ServiceRoleKey": "{{serviceRoleKey}}"
          }
        }
        """;

    /// <summary>Where <paramref name="secret"/> is in <paramref name="text"/>, as an expected diagnostic.</summary>
    private static DiagnosticResult At(string path, string text, string secret, DiagnosticSeverity severity)
    {
        var index = text.IndexOf(secret, StringComparison.Ordinal);
        Assert.True(index >= 0, "the secret is not in the file");
        var line = text[..index].Count(c => c == '\n') + 1;
        var column = index - (text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1) + 1;
        return Verifier.Diagnostic(severity).WithSpan(path, line, column, line, column + secret.Length);
    }

    [Fact]
    public Task A_service_role_key_in_wwwroot_is_an_error_at_its_line_and_column_in_any_project()
    {
        var text = AppSettings(ServiceRoleJwt);
        const string Path = "/0/wwwroot/appsettings.json";
        return Task.WhenAll(
            Verifier.AnalyzerAsync(Code, TestProject.BlazorWebAssembly, [(Path, text, "wwwroot")], At(Path, text, ServiceRoleJwt, DiagnosticSeverity.Error)),
            Verifier.AnalyzerAsync(Code, TestProject.WebSdk, [(Path, text, "wwwroot")], At(Path, text, ServiceRoleJwt, DiagnosticSeverity.Error)));
    }

    [Fact]
    public Task Appsettings_is_an_error_in_a_client_a_warning_on_a_server_and_info_in_tests()
    {
        var text = AppSettings(ServiceRoleJwt);
        const string Path = "/0/appsettings.Development.json";
        return Task.WhenAll(
            Verifier.AnalyzerAsync(Code, TestProject.Maui, [(Path, text, "appsettings")], At(Path, text, ServiceRoleJwt, DiagnosticSeverity.Error)),
            Verifier.AnalyzerAsync(Code, TestProject.Server, [(Path, text, "appsettings")], At(Path, text, ServiceRoleJwt, DiagnosticSeverity.Warning)),
            Verifier.AnalyzerAsync(Code, TestProject.Tests, [(Path, text, "appsettings")], At(Path, text, ServiceRoleJwt, DiagnosticSeverity.Info)));
    }

    [Fact]
    public Task Every_kind_of_secret_is_found_in_a_served_file()
    {
        var text = $$"""
            <script>
              const supabase = createClient("https://abcdefghijklmnopqrst.supabase.co", "{{SecretKey}}");
              const token = "{{PersonalAccessToken}}";
              const db = "{{DatabaseUri}}";
              const stripe = "{{StripeLiveKey}}";
            </script>
            """;
        const string Path = "/0/wwwroot/index.html";
        return Verifier.AnalyzerAsync(
            Code,
            TestProject.BlazorWebAssembly,
            [(Path, text, "wwwroot")],
            At(Path, text, SecretKey, DiagnosticSeverity.Error),
            At(Path, text, PersonalAccessToken, DiagnosticSeverity.Error),
            At(Path, text, DatabaseUri, DiagnosticSeverity.Error),
            At(Path, text, StripeLiveKey, DiagnosticSeverity.Error));
    }

    [Fact]
    public Task Jwt_secrets_are_found_by_their_configuration_path_and_connection_strings_by_their_password()
    {
        var text = $$"""
            {
              // ASP.NET Core reads JSON with comments
              "Jwt": { "Issuer": "https://abcdefghijklmnopqrst.supabase.co/auth/v1", "Secret": "{{JwtSigningSecret}}" },
              "ConnectionStrings": { "Supabase": "{{NpgsqlConnectionString}}" },
            }
            """;
        const string Path = "/0/appsettings.json";
        return Verifier.AnalyzerAsync(
            Code,
            TestProject.Server,
            [(Path, text, "appsettings")],
            At(Path, text, JwtSigningSecret, DiagnosticSeverity.Warning),
            At(Path, text, NpgsqlConnectionString, DiagnosticSeverity.Warning));
    }

    [Fact]
    public Task Dot_env_templates_are_reported_on_servers_and_every_dot_env_in_clients()
    {
        var text = $"# copy to .env\nSUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co\nSUPABASE_SERVICE_ROLE_KEY={ServiceRoleJwt}\nexport SUPABASE_JWT_SECRET=\"{JwtSigningSecret}\"\n";
        return Task.WhenAll(
            Verifier.AnalyzerAsync(
                Code,
                TestProject.Server,
                [("/0/.env.example", text, "env")],
                At("/0/.env.example", text, ServiceRoleJwt, DiagnosticSeverity.Warning),
                At("/0/.env.example", text, JwtSigningSecret, DiagnosticSeverity.Warning)),
            Verifier.AnalyzerAsync(
                Code,
                TestProject.BlazorWebAssembly,
                [("/0/.env", text, "env")],
                At("/0/.env", text, ServiceRoleJwt, DiagnosticSeverity.Error),
                At("/0/.env", text, JwtSigningSecret, DiagnosticSeverity.Error)));
    }

    [Fact]
    public Task A_servers_own_dot_env_is_where_secrets_belong_and_is_not_reported() => Task.WhenAll(
        Verifier.AnalyzerAsync(Code, TestProject.Server, [("/0/.env", $"SUPABASE_SERVICE_ROLE_KEY={ServiceRoleJwt}\n", "env")]),
        Verifier.AnalyzerAsync(Code, TestProject.Tests, [("/0/.env.local", $"SUPABASE_SERVICE_ROLE_KEY={ServiceRoleJwt}\n", "env")]));

    [Fact]
    public Task Public_keys_placeholders_and_files_that_are_not_ours_are_not_reported()
    {
        var settings = $$"""
            {
              "Supabase": {
                "Url": "https://abcdefghijklmnopqrst.supabase.co",
                "AnonKey": "{{AnonJwt}}",
                "PublishableKey": "{{PublishableKey}}",
                "ServiceRoleKey": "<set with dotnet user-secrets>",
                "SecretKey": "sb_secret_...",
                "JwtSecret": ""
              },
              "Jwt": { "Key": "${JWT_SIGNING_KEY}", "KeyId": "{{JwtSigningSecret}}" },
              "ConnectionStrings": { "Local": "Host=localhost;Password=postgres" }
            }
            """;
        return Verifier.AnalyzerAsync(
            Code,
            TestProject.BlazorWebAssembly,
            [
                ("/0/wwwroot/appsettings.json", settings, "wwwroot"),
                ("/0/stylecop.json", $"{{ \"key\": \"{ServiceRoleJwt}\" }}", null),
            ]);
    }

    [Fact]
    public Task Files_added_by_hand_are_classified_by_their_path()
    {
        var text = AppSettings(ServiceRoleJwt);
        return Verifier.AnalyzerAsync(
            Code,
            TestProject.Server,
            [("/0/wwwroot/config/appsettings.json", text, null), ("/0/appsettings.Production.json", text, null)],
            At("/0/wwwroot/config/appsettings.json", text, ServiceRoleJwt, DiagnosticSeverity.Error),
            At("/0/appsettings.Production.json", text, ServiceRoleJwt, DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task The_message_says_what_the_file_does_and_what_to_do_never_the_secret()
    {
        var result = await AnalyzerRunner.RunAsync(Code, TestProject.BlazorWebAssembly, ("/0/wwwroot/appsettings.json", AppSettings(ServiceRoleJwt), "wwwroot"));

        var diagnostic = Assert.Single(result.Secrets);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            $"Supabase service-role key ({Shown(ServiceRoleJwt, 10)}) in a file that is served to every visitor (wwwroot); remove it and keep the secret on a server; a client only needs the publishable or anon key",
            message);
        Assert.Equal(6, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
    }
}

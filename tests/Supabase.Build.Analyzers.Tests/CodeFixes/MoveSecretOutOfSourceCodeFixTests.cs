using Microsoft.CodeAnalysis;
using Supabase.Build.Analyzers.CodeFixes;
using Supabase.Build.Analyzers.Rules;
using Supabase.Build.Analyzers.Tests.Support;
using static Supabase.Build.Analyzers.Tests.Support.SyntheticSecrets;

namespace Supabase.Build.Analyzers.Tests.CodeFixes;

public sealed class MoveSecretOutOfSourceCodeFixTests
{
    private const string FromEnvironment = "SupabaseSecretFromEnvironment";
    private const string FromConfiguration = "SupabaseSecretFromConfiguration";

    private const string ConfigurationApi = """
        namespace Microsoft.Extensions.Configuration
        {
            public interface IConfiguration { string? this[string key] { get; set; } }
        }
        """;

    [Fact]
    public Task A_service_role_key_becomes_an_environment_variable() =>
        VerifyFix<SB3001ServiceRoleKeyAnalyzer, MoveSecretOutOfSourceCodeFixProvider>.CodeFixAsync(
            $$"""
            using System;

            class Supabase
            {
                private readonly string _key = "{|#0:{{ServiceRoleJwt}}|}";
            }
            """,
            """
            using System;

            class Supabase
            {
                private readonly string _key = Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new InvalidOperationException("Set the SUPABASE_SERVICE_ROLE_KEY environment variable.");
            }
            """,
            TestProject.Server,
            FromEnvironment,
            Verify<SB3001ServiceRoleKeyAnalyzer>.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0));

    [Fact]
    public Task A_constant_becomes_static_readonly_and_a_const_local_a_plain_local() =>
        VerifyFix<SB3002SecretApiKeyAnalyzer, MoveSecretOutOfSourceCodeFixProvider>.CodeFixAsync(
            $$"""
            class Supabase
            {
                public const string SecretKey = "{|#0:{{SecretKey}}|}";

                string Local()
                {
                    const string key = "{|#1:{{SecretKey}}|}";
                    return key;
                }
            }
            """,
            """
            class Supabase
            {
                public static readonly string SecretKey = System.Environment.GetEnvironmentVariable("SUPABASE_SECRET_KEY") ?? throw new System.InvalidOperationException("Set the SUPABASE_SECRET_KEY environment variable.");

                string Local()
                {
                    string key = System.Environment.GetEnvironmentVariable("SUPABASE_SECRET_KEY") ?? throw new System.InvalidOperationException("Set the SUPABASE_SECRET_KEY environment variable.");
                    return key;
                }
            }
            """,
            TestProject.Server,
            FromEnvironment,
            Verify<SB3002SecretApiKeyAnalyzer>.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0),
            Verify<SB3002SecretApiKeyAnalyzer>.Diagnostic(DiagnosticSeverity.Warning).WithLocation(1));

    [Fact]
    public Task An_IConfiguration_in_scope_is_offered_too() =>
        VerifyFix<SB3004ConnectionStringPasswordAnalyzer, MoveSecretOutOfSourceCodeFixProvider>.CodeFixAsync(
            $$"""
            using Microsoft.Extensions.Configuration;

            class Database(IConfiguration configuration)
            {
                public string ConnectionString() => "{|#0:{{NpgsqlConnectionString}}|}";
            }
            {{ConfigurationApi}}
            """,
            $$"""
            using Microsoft.Extensions.Configuration;

            class Database(IConfiguration configuration)
            {
                public string ConnectionString() => configuration["ConnectionStrings:Supabase"] ?? throw new System.InvalidOperationException("Set ConnectionStrings:Supabase in configuration (user secrets, environment variables or a vault).");
            }
            {{ConfigurationApi}}
            """,
            TestProject.Server,
            FromConfiguration,
            Verify<SB3004ConnectionStringPasswordAnalyzer>.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0));

    [Fact]
    public Task A_jwt_secret_inside_a_key_conversion_is_replaced_in_place_in_a_test_project() =>
        VerifyFix<SB3005JwtSecretAnalyzer, MoveSecretOutOfSourceCodeFixProvider>.CodeFixAsync(
            $$"""
            using System;
            using System.Text;

            class Tokens
            {
                byte[] JwtKey() => Encoding.UTF8.GetBytes({|#0:"{{JwtSigningSecret}}"|});
            }
            """,
            """
            using System;
            using System.Text;

            class Tokens
            {
                byte[] JwtKey() => Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("SUPABASE_JWT_SECRET") ?? throw new InvalidOperationException("Set the SUPABASE_JWT_SECRET environment variable."));
            }
            """,
            TestProject.Tests,
            FromEnvironment,
            Verify<SB3005JwtSecretAnalyzer>.Diagnostic(DiagnosticSeverity.Info).WithLocation(0));

    [Fact]
    public Task Every_other_service_gets_its_own_variable_name() =>
        VerifyFix<SB3008WellKnownSecretAnalyzer, MoveSecretOutOfSourceCodeFixProvider>.CodeFixAsync(
            $$"""
            class Payments
            {
                string Key = "{|#0:{{StripeLiveKey}}|}";
            }
            """,
            """
            class Payments
            {
                string Key = System.Environment.GetEnvironmentVariable("STRIPE_SECRET_KEY") ?? throw new System.InvalidOperationException("Set the STRIPE_SECRET_KEY environment variable.");
            }
            """,
            TestProject.Server,
            FromEnvironment,
            Verify<SB3008WellKnownSecretAnalyzer>.Diagnostic(DiagnosticSeverity.Warning).WithLocation(0));

    [Fact]
    public Task No_fix_in_a_client_project_where_the_message_explains_the_server_side_pattern() =>
        VerifyFix<SB3001ServiceRoleKeyAnalyzer, MoveSecretOutOfSourceCodeFixProvider>.NoCodeFixAsync(
            $$"""class Supabase { string Key = "{|#0:{{ServiceRoleJwt}}|}"; }""",
            TestProject.BlazorWebAssembly,
            Verify<SB3001ServiceRoleKeyAnalyzer>.Diagnostic(DiagnosticSeverity.Error).WithLocation(0));

    [Fact]
    public Task No_fix_where_csharp_needs_a_constant_or_the_secret_is_part_of_a_longer_string() =>
        VerifyFix<SB3001ServiceRoleKeyAnalyzer, MoveSecretOutOfSourceCodeFixProvider>.NoCodeFixAsync(
            $$"""
            using System;

            [Obsolete("{|#0:{{ServiceRoleJwt}}|}")]
            class Supabase
            {
                void Call(string key = "{|#1:{{ServiceRoleJwt}}|}") { }

                string Header => "Bearer {|#2:{{ServiceRoleJwt}}|}";

                int Kind(string key) => key switch { "{|#3:{{ServiceRoleJwt}}|}" => 1, _ => 0 };
            }
            """,
            TestProject.Server,
            Enumerable.Range(0, 4).Select(i => Verify<SB3001ServiceRoleKeyAnalyzer>.Diagnostic(DiagnosticSeverity.Warning).WithLocation(i)).ToArray());
}

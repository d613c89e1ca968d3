using Microsoft.CodeAnalysis;
using Supabase.Build.Analyzers.Tests.Support;
using static Supabase.Build.Analyzers.Tests.Support.SyntheticSecrets;
using Verifier = Supabase.Build.Analyzers.Tests.Support.Verify<Supabase.Build.Analyzers.Rules.SB3004ConnectionStringPasswordAnalyzer>;

namespace Supabase.Build.Analyzers.Tests.Rules;

public sealed class SB3004ConnectionStringPasswordTests
{
    [Fact]
    public Task Uri_pooler_uri_and_keyword_forms_with_a_password_are_reported() => Verifier.AnalyzerAsync(
        $$"""
        class Database
        {
            const string Direct = "{|#0:{{DatabaseUri}}|}";
            const string Pooler = "{|#1:{{PoolerUri}}|}";
            const string Npgsql = "{|#2:{{NpgsqlConnectionString}}|}";
            const string Query = "{|#3:postgresql://db.abcdefghijklmnopqrst.supabase.co:5432/postgres?user=postgres&password={{Password}}|}";
            const string SqlServer = "{|#4:Server=tcp:reports-db.northwind.cloud,1433;User ID=app;Pwd={{Password}}|}";
        }
        """,
        TestProject.Server,
        Enumerable.Range(0, 5).Select(i => Verifier.Diagnostic(DiagnosticSeverity.Warning).WithLocation(i)).ToArray());

    [Fact]
    public Task Is_an_error_in_a_client_project() => Verifier.AnalyzerAsync(
        $$"""class Database { const string Url = "{|#0:{{PoolerUri}}|}"; }""",
        TestProject.BlazorWebAssembly,
        Verifier.Diagnostic(DiagnosticSeverity.Error).WithLocation(0));

    [Fact]
    public Task Local_databases_placeholders_missing_and_runtime_passwords_are_not_reported() => Verifier.AnalyzerAsync(
        """
        class Database
        {
            const string SupabaseCliLocal = "postgresql://postgres:postgres@127.0.0.1:54322/postgres";
            const string Localhost = "Host=localhost;Port=5432;Username=postgres;Password=postgres";
            const string Docker = "Host=host.docker.internal;Password=Sup3rL0cal!";
            const string Reserved1 = "postgresql://app:Zq81vXr2T@db.example.test:6543/app";
            const string Reserved2 = "Host=no-such-host.invalid;Password=Zq81vXr2T";
            const string Reserved3 = "Host=db.example.com;Password=Zq81vXr2T";
            const string Dashboard = "postgresql://postgres:[YOUR-PASSWORD]@db.abcdefghijklmnopqrst.supabase.co:5432/postgres";
            const string Template = "Host=db.abcdefghijklmnopqrst.supabase.co;Password=${DB_PASSWORD}";
            const string NoPassword = "postgresql://postgres@db.abcdefghijklmnopqrst.supabase.co:5432/postgres";
            const string EmptyPassword = "Host=db.abcdefghijklmnopqrst.supabase.co;Username=postgres;Password=";
            const string NoHost = "Password=Zq81vXr2T";
            const string Word = "Host=db.abcdefghijklmnopqrst.supabase.co;Password=password";
            string FromConfig(string password) => $"Host=db.abcdefghijklmnopqrst.supabase.co;Username=postgres;Password={password}";
            string Concat(string password) => "postgresql://postgres:" + password + "@db.abcdefghijklmnopqrst.supabase.co/postgres";
        }
        """,
        TestProject.BlazorWebAssembly);

    [Fact]
    public async Task The_message_names_the_host_never_the_password()
    {
        var diagnostic = Assert.Single((await AnalyzerRunner.RunAsync($$"""class D { const string C = "{{PoolerUri}}"; }""", TestProject.Server)).Secrets);

        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("Connection string to 'aws-0-eu-central-1.pooler.supabase.com' has an inline password;", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, message, StringComparison.Ordinal);
    }
}

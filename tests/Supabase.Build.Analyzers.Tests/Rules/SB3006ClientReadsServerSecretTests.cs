using Supabase.Build.Analyzers.Tests.Support;
using Verifier = Supabase.Build.Analyzers.Tests.Support.Verify<Supabase.Build.Analyzers.Rules.SB3006ClientReadsServerSecretAnalyzer>;

namespace Supabase.Build.Analyzers.Tests.Rules;

public sealed class SB3006ClientReadsServerSecretTests
{
    // The shape of Microsoft.Extensions.Configuration (interfaces and the binder's extension methods).
    private const string Configuration = """
        namespace Microsoft.Extensions.Configuration
        {
            public interface IConfiguration
            {
                string? this[string key] { get; set; }
                IConfigurationSection GetSection(string key);
            }

            public interface IConfigurationSection : IConfiguration { string? Value { get; } }

            public static class ConfigurationBinder
            {
                public static T? GetValue<T>(this IConfiguration configuration, string key) => default;
            }

            public static class ConfigurationExtensions
            {
                public static IConfigurationSection GetRequiredSection(this IConfiguration configuration, string key) => configuration.GetSection(key);
            }

            public sealed class ConfigurationManager : IConfiguration
            {
                public string? this[string key] { get => null; set { } }
                public IConfigurationSection GetSection(string key) => null!;
            }
        }
        """;

    private const string Reads = $$"""
        using System;
        using Microsoft.Extensions.Configuration;

        class Startup
        {
            void Configure(IConfiguration configuration, ConfigurationManager manager)
            {
                var a = {|#0:Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY")|};
                var b = {|#1:configuration["Supabase:ServiceRoleKey"]|};
                var c = {|#2:manager["Supabase:SecretKey"]|};
                var d = {|#3:configuration.GetValue<string>("SUPABASE_JWT_SECRET")|};
                var e = {|#4:configuration.GetSection("Supabase:ServiceKey")|}.Value;
                var f = {|#5:configuration.GetSection("Supabase")["service_role_key"]|};
                var g = {|#6:configuration.GetRequiredSection("Supabase:SecretKey")|};
            }
        }
        {{Configuration}}
        """;

    [Theory]
    [MemberData(nameof(SB3001ServiceRoleKeyTests.ClientProjects), MemberType = typeof(SB3001ServiceRoleKeyTests))]
    public Task Client_project_reading_a_server_only_key_is_reported(TestProject project) => Verifier.AnalyzerAsync(
        Reads,
        project,
        Enumerable.Range(0, 7).Select(i => Verifier.Diagnostic().WithLocation(i)).ToArray());

    [Theory]
    [MemberData(nameof(SB3001ServiceRoleKeyTests.ServerProjects), MemberType = typeof(SB3001ServiceRoleKeyTests))]
    public Task Server_projects_may_read_their_keys(TestProject project) => Verifier.AnalyzerAsync(
        System.Text.RegularExpressions.Regex.Replace(Reads, @"\{\|#\d+:(.*?)\|\}", "$1"),
        project);

    [Fact]
    public Task Public_keys_and_other_lookups_in_a_client_are_not_reported() => Verifier.AnalyzerAsync(
        $$"""
        using System;
        using System.Collections.Generic;
        using Microsoft.Extensions.Configuration;

        class Program
        {
            void Configure(IConfiguration configuration, Dictionary<string, string> settings)
            {
                var url = configuration["Supabase:Url"];
                var anon = configuration["Supabase:AnonKey"];
                var publishable = Environment.GetEnvironmentVariable("SUPABASE_PUBLISHABLE_KEY");
                var notConfiguration = settings["ServiceRoleKey"];
                var name = nameof(Configure);
            }
        }
        {{Configuration}}
        """,
        TestProject.BlazorWebAssembly);

    [Fact]
    public async Task The_message_names_the_key_and_the_server_side_pattern()
    {
        var source = """class C { string? K => System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY"); }""";
        var diagnostic = Assert.Single((await AnalyzerRunner.RunAsync(source, TestProject.BlazorWebAssembly)).Secrets);

        Assert.Equal(
            "Client project reads 'SUPABASE_SERVICE_ROLE_KEY' from the environment: the key would have to ship with the app to be read; keep it on a server (an API or a Supabase Edge Function) and use the publishable or anon key here",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}

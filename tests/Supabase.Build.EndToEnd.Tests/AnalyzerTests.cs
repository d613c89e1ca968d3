using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Supabase.Build.Testing;

namespace Supabase.Build.EndToEnd.Tests;

/// <summary>
/// The secrets analyzer as users meet it: `dotnet build` of real consumer projects that take the packed SDK (and the
/// Supabase.Build.Analyzers package) from the feed. The keys are synthetic JWTs made here, with fake signatures.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class AnalyzerTests(PackedSdkFixture fixture)
{
    private static readonly string ServiceRoleKey = Jwt("service_role");
    private static readonly string AnonKey = Jwt("anon");

    private static readonly object AnalyzersPackLock = new();
    private static bool s_analyzersPacked;

    [Fact]
    public void Blazor_WebAssembly_build_fails_with_SB3001_at_the_line_of_the_key_and_SB3007_in_wwwroot()
    {
        var consumer = fixture.CreateConsumer("secrets-blazor");
        File.WriteAllText(consumer.ProjectPath, $"""
            <Project Sdk="Microsoft.NET.Sdk.BlazorWebAssembly">
              <Sdk Name="Supabase.Build.Sdk" Version="{fixture.Version}" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly" Version="10.0.12" />
              </ItemGroup>
            </Project>
            """);
        var program = Write(consumer, "Program.cs", $$"""
            using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

            var builder = WebAssemblyHostBuilder.CreateDefault(args);
            builder.RootComponents.Add<App.AdminPage>("#app");

            const string ServiceKey = "{{ServiceRoleKey}}";
            Console.WriteLine(ServiceKey.Length);
            await builder.Build().RunAsync();
            """);
        Write(consumer, "_Imports.razor", "@using Microsoft.AspNetCore.Components.Web\n");
        var page = Write(consumer, "AdminPage.razor", $$"""
            <h1>Admin</h1>

            @code {
                private string key = "{{ServiceRoleKey}}";
            }
            """);
        var settings = Write(consumer, "wwwroot/appsettings.json", $$"""
            {
              "Supabase": {
                "Url": "https://abcdefghijklmnopqrst.supabase.co",
                "ServiceRoleKey": "{{ServiceRoleKey}}",
                "AnonKey": "{{AnonKey}}"
              }
            }
            """);
        Write(consumer, "wwwroot/index.html", "<!DOCTYPE html><html><body><div id=\"app\"></div><script src=\"_framework/blazor.webassembly.js\"></script></body></html>\n");

        var build = consumer.Build();

        Assert.True(build.ExitCode != 0, build.ToString());
        Assert.Contains($"{program}(6,28): error SB3001: Supabase service-role key (eyJhbGciOi…) bypasses Row Level Security; this is a client project", build.Output, StringComparison.Ordinal);
        Assert.Contains($"{page}(4,27): error SB3001:", build.Output, StringComparison.Ordinal);
        Assert.Contains($"{settings}(4,24): error SB3007: Supabase service-role key (eyJhbGciOi…) in a file that is served to every visitor (wwwroot)", build.Output, StringComparison.Ordinal);
        Assert.Contains("https://github.com/supabase-build/Supabase.Build/blob/main/docs/rules/SB3001.md", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"{settings}(5,", build.Output, StringComparison.Ordinal); // the anon key is public
        AssertNoSecretPrinted(build);
    }

    [Fact]
    public void A_console_project_gets_the_same_key_as_a_warning_and_editorconfig_sets_severities()
    {
        var consumer = fixture.CreateConsumer("secrets-console").WithSdkElement("    <OutputType>Exe</OutputType>");
        var program = Write(consumer, "Program.cs", $$"""
            const string ServiceKey = "{{ServiceRoleKey}}";
            const string AnonKey = "{{AnonKey}}";
            System.Console.WriteLine(ServiceKey.Length + AnonKey.Length);
            """);
        var settings = Write(consumer, "appsettings.json", $$"""{ "Supabase": { "ServiceRoleKey": "{{ServiceRoleKey}}" } }""");
        Write(consumer, ".env", $"SUPABASE_SERVICE_ROLE_KEY={ServiceRoleKey}\n");
        Write(consumer, ".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.SB3009.severity = warning\n");

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"{program}(1,28): warning SB3001: Supabase service-role key (eyJhbGciOi…) bypasses Row Level Security; read it from configuration", build.Output, StringComparison.Ordinal);
        Assert.Contains($"{program}(2,25): warning SB3009:", build.Output, StringComparison.Ordinal);
        Assert.Contains($"{settings}(1,36): warning SB3007:", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(".env(", build.Output, StringComparison.Ordinal); // a server's own .env is where the key belongs
        AssertNoSecretPrinted(build);
    }

    [Fact]
    public void PackageReference_form_passes_one_copy_of_the_analyzer_and_SupabaseSecretsAnalyzer_false_turns_it_off()
    {
        var consumer = fixture.CreateConsumer("secrets-packagereference").WithPackageReference();
        var program = Write(consumer, "Program.cs", $$"""
            class Keys
            {
                const string ServiceKey = "{{ServiceRoleKey}}";
                void Control() { int unused; }
            }
            """);

        var build = consumer.Build();
        var off = consumer.Build("-p:SupabaseSecretsAnalyzer=false");

        // The CLI prints each warning more than once (as it happens, and in the summary): as often as the compiler's own
        // CS0168, i.e. reported by one copy of the analyzer, not two.
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(Occurrences(build.Output, $"{program}(4,26): warning CS0168:"), Occurrences(build.Output, $"{program}(3,32): warning SB3001:"));
        Assert.True(Occurrences(build.Output, $"{program}(3,32): warning SB3001:") >= 1, build.ToString());
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.DoesNotContain("SB3", off.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Supabase_Build_Analyzers_package_works_alone_and_beside_the_SDK()
    {
        PackAnalyzers();
        var alone = fixture.CreateConsumer("secrets-analyzers-package");
        var both = fixture.CreateConsumer("secrets-analyzers-and-sdk");
        foreach (var (consumer, sdk) in new[] { (alone, ""), (both, $"""<Sdk Name="Supabase.Build.Sdk" Version="{fixture.Version}" />""") })
        {
            File.WriteAllText(consumer.ProjectPath, $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  {sdk}
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <SupabaseClientProject>true</SupabaseClientProject>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Supabase.Build.Analyzers" Version="{fixture.Version}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """);
        }

        var results = new[] { alone, both }.Select(consumer =>
        {
            var text = $$"""class Keys { const string ServiceKey = "{{ServiceRoleKey}}"; void Control() { int unused; } }""";
            var program = Write(consumer, "Keys.cs", text);
            return (program, control: text.IndexOf("unused", StringComparison.Ordinal) + 1, build: consumer.Build());
        }).ToList();

        foreach (var (program, control, build) in results)
        {
            Assert.True(build.ExitCode != 0, build.ToString());
            var reported = Occurrences(build.Output, $"{program}(1,41): error SB3001:");
            Assert.True(reported >= 1, build.ToString());
            Assert.Equal(Occurrences(build.Output, $"{program}(1,{control}): warning CS0168:"), reported);
        }
    }

    /// <summary>Packs Supabase.Build.Analyzers (built already: the SDK project this project references builds it) into the fixture's feed.</summary>
    private void PackAnalyzers()
    {
        lock (AnalyzersPackLock)
        {
            if (s_analyzersPacked)
            {
                return;
            }

            var configuration = typeof(AnalyzerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
            var pack = DotnetProcess.Run(
                RepositoryLayout.Root,
                fixture.Environment,
                "pack", RepositoryLayout.PathOf("src", "Supabase.Build.Analyzers", "Supabase.Build.Analyzers.csproj"),
                "--no-build", "-c", configuration, $"-p:Version={fixture.Version}", "-o", fixture.FeedDirectory, "-nodeReuse:false");
            Assert.True(pack.ExitCode == 0 && File.Exists(Path.Combine(fixture.FeedDirectory, $"Supabase.Build.Analyzers.{fixture.Version}.nupkg")), pack.ToString());
            s_analyzersPacked = true;
        }
    }

    private static string Write(ConsumerProject consumer, string relativePath, string text)
    {
        var path = Path.Combine(consumer.ProjectDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Diagnostics show at most a short prefix: not even the first 20 characters of a key appear in the build output.</summary>
    private static void AssertNoSecretPrinted(CommandResult build)
    {
        Assert.DoesNotContain(ServiceRoleKey[..20], build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(AnonKey[..20], build.Output, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>A synthetic Supabase-style JWT: real header and payload JSON, a fake signature.</summary>
    private static string Jwt(string role)
    {
        static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new { iss = "supabase", @ref = "abcdefghijklmnopqrst", role, iat = 1700000000, exp = 2015576000 });
        return string.Join('.', Encode(header), Encode(payload), Encode(SHA256.HashData(Encoding.UTF8.GetBytes("fake signature " + role))));
    }
}

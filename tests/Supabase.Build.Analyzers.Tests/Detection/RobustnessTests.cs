using Supabase.Build.Analyzers.Detection;
using Supabase.Build.Analyzers.Tests.Support;
using static Supabase.Build.Analyzers.Tests.Support.SyntheticSecrets;

namespace Supabase.Build.Analyzers.Tests.Detection;

/// <summary>Malformed and hostile input never makes an analyzer throw (AD0001) and never gives a finding.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> Malformed
    {
        get
        {
            var key = ServiceRoleJwt;
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            return new TheoryData<string>
            {
                "eyJ",
                "eyJ.",
                "eyJ..",
                "eyJhbGciOiJIUzI1NiJ9.eyJ.x",
                key[..(dot + 5)],
                key[..dot] + ".eyJyb2xlIjoic2VydmljZV9yb2xlIiwi." + "sig",
                string.Concat(Enumerable.Repeat("eyJ", 2000)),
                string.Concat(Enumerable.Repeat("eyJhbGciOiJIUzI1NiJ9.", 500)),
                "postgresql://",
                "postgresql://:@",
                "postgres://@@@:/?password=&password",
                "postgresql://user:%ZZ@db.example.org/db?password=%",
                "Host=;Password=;",
                "Password==;Host==",
                ";;;;=;=;password",
                "sb_secret_",
                "sbp_",
                "-----BEGIN ",
                "-----BEGIN PRIVATE KEY-----",
                "-----BEGIN PRIVATE KEY-----" + new string('-', 10_000),
                "https://hooks.slack.com/services/",
                "https://hooks.slack.com/services/T/B/",
                "sk-T3BlbkFJ",
                "T3BlbkFJ" + new string('a', 40),
                "\ud800eyJ\udfff",
            };
        }
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_strings_are_not_findings_and_do_not_crash(string value)
    {
        var literal = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
        var json = "{ \"Supabase\": { \"Url\": " + literal + " }, \"Unterminated\": \"" + value;

        var result = await AnalyzerRunner.RunAsync(
            $"class C {{ const string K = {literal}; string Url = {literal}; string M(string x) => $\"{{x}}{value.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal)}\"; }}",
            TestProject.BlazorWebAssembly,
            ("/0/wwwroot/appsettings.json", json, "wwwroot"),
            ("/0/.env", "SUPABASE_URL=" + value + "\n=\n\n", "env"));

        Assert.Empty(result.Crashes);
        Assert.Empty(result.Secrets);
    }

    [Fact]
    public void Json_claims_read_escapes_and_skip_nested_values()
    {
        var claims = JsonClaims.ReadTopLevelStrings("""{ "a": {"b": [1, 2.5e3, true, null, {"c": "d"}]}, "role": "service\u005frole", "n": -1, "e": "\"q\"" }""");

        Assert.NotNull(claims);
        Assert.Equal("service_role", claims["role"]);
        Assert.Equal("\"q\"", claims["e"]);
        Assert.False(claims.ContainsKey("c"));
        Assert.Null(JsonClaims.ReadTopLevelStrings("""{"role": "service_role"} trailing"""));
        Assert.Null(JsonClaims.ReadTopLevelStrings("""["role", "service_role"]"""));
        Assert.Null(JsonClaims.ReadTopLevelStrings(new string('[', 100) + new string(']', 100)));
    }

    [Theory]
    [InlineData("your-service-role-key")]
    [InlineData("<SERVICE_ROLE_KEY>")]
    [InlineData("[YOUR-PASSWORD]")]
    [InlineData("${DB_PASSWORD}")]
    [InlineData("{password}")]
    [InlineData("%PASSWORD%")]
    [InlineData("__TOKEN__")]
    [InlineData("xxxxxxxxxxxxxxxx")]
    [InlineData("****************")]
    [InlineData("changeme")]
    [InlineData("abababababababab")]
    public void Placeholders_are_recognised(string value) => Assert.True(Placeholders.IsPlaceholder(value));

    [Fact]
    public void Real_looking_values_are_not_placeholders()
    {
        Assert.False(Placeholders.IsPlaceholder(Password));
        Assert.False(Placeholders.IsPlaceholder(JwtSigningSecret));
        Assert.False(Placeholders.IsPlaceholder("P@ss$w0rd!{2024}x"));
    }
}

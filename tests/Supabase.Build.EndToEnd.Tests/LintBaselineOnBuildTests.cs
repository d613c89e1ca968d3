using System.Text.Json;

namespace Supabase.Build.EndToEnd.Tests;

/// <summary>
/// Adopting the lint on an old project through MSBuild: <c>dotnet msbuild -t:SupabaseLintBaseline</c> writes
/// supabase/lint-baseline.json, after which the build passes and reports only new findings; SupabaseLintSince skips
/// old migrations for the safety rules.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class LintBaselineOnBuildTests(PackedSdkFixture fixture)
{
    private const string OldIndex = "create index if not exists accounts_email_idx on public.accounts (email);\n";
    private const string NewIndex = "create index if not exists accounts_name_idx on public.accounts (name);\n";

    [Fact]
    public void The_baseline_target_accepts_todays_findings_and_later_builds_report_only_new_ones()
    {
        var consumer = fixture.CreateConsumer("baseline").WithSdkElement();
        consumer.AddMigration("20240101000000_index_email.sql", OldIndex);
        Assert.True(consumer.Build().ExitCode != 0, "the unsafe index fails the build before the baseline");

        var write = consumer.MSBuild("-t:SupabaseLintBaseline");
        Assert.True(write.ExitCode == 0, write.ToString());
        var baseline = Path.Combine(Path.GetDirectoryName(consumer.MigrationsDirectory.TrimEnd('/', '\\'))!, "lint-baseline.json");
        using (var document = JsonDocument.Parse(File.ReadAllText(baseline)))
        {
            Assert.Contains(document.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("id").GetString() == "SB1003");
        }

        var accepted = consumer.Build();
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.DoesNotContain("error SB1003", accepted.Output, StringComparison.Ordinal);

        var newFile = consumer.AddMigration("20240201000000_index_name.sql", NewIndex);
        var next = consumer.Build();
        Assert.True(next.ExitCode != 0, next.ToString());
        Assert.Contains($"{newFile}(1,1): error SB1003", next.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_baseline_target_lints_at_SupabasePostgresVersion()
    {
        var consumer = fixture.CreateConsumer("baseline-version").WithSdkElement("    <SupabasePostgresVersion>15</SupabasePostgresVersion>");
        consumer.AddMigration("20240101000000_count.sql", "select count(*) from (select 1);\n");

        var write = consumer.MSBuild("-t:SupabaseLintBaseline");
        Assert.True(write.ExitCode == 0, write.ToString());
        var baseline = Path.Combine(Path.GetDirectoryName(consumer.MigrationsDirectory.TrimEnd('/', '\\'))!, "lint-baseline.json");
        using var document = JsonDocument.Parse(File.ReadAllText(baseline));
        Assert.Contains(document.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("id").GetString() == "SB1041");
    }

    [Fact]
    public void SupabaseLintSince_skips_older_migrations()
    {
        var consumer = fixture.CreateConsumer("since").WithSdkElement("    <SupabaseLintSince>20240201000000</SupabaseLintSince>");
        consumer.AddMigration("20240101000000_index_email.sql", OldIndex);

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("SB1003", build.Output, StringComparison.Ordinal);
    }
}

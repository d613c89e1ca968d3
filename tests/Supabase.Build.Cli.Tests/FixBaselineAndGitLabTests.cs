using System.Text.Json;
using Supabase.Build.Cli.Tests.Support;

namespace Supabase.Build.Cli.Tests;

/// <summary><c>--fix</c>, the baseline options, <c>--since</c>, <c>--include</c> and <c>--format gitlab</c>, through the real process.</summary>
public class FixBaselineAndGitLabTests
{
    private const string Index = "create index if not exists profiles_name on profiles (name);\n";

    [Fact]
    public void Text_output_shows_the_fix_under_the_finding()
    {
        using var project = new TempProject();
        project.Add("20240101000000_index.sql", Index);

        var result = CliRun.Run(project.Root, "lint", project.Migrations);

        Assert.Contains("    fix: add CONCURRENTLY (supabase-build lint --fix applies it)\n      1:13: insert \" CONCURRENTLY\"", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Fix_applies_to_new_migrations_and_reports_what_is_left()
    {
        using var project = new TempProject();
        var path = project.Add("20240101000000_index.sql", Index);

        var result = CliRun.Run(project.Root, "lint", "--fix", project.Migrations);

        Assert.Equal("SET statement_timeout = '5min';\ncreate index CONCURRENTLY if not exists profiles_name on profiles (name);\n", File.ReadAllText(path));
        Assert.Contains("applied 2 fixes in 1 file", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("SB1003", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void A_baseline_accepts_todays_findings_and_fix_leaves_baselined_files_alone()
    {
        using var project = new TempProject();
        var old = project.Add("20240101000000_index.sql", Index);

        var written = CliRun.Run(project.Root, "lint", "--write-baseline", project.Migrations);
        Assert.Equal(0, written.ExitCode);
        var baseline = Path.Combine(project.Root, "supabase", "lint-baseline.json");
        Assert.True(File.Exists(baseline), written.StandardError);

        var again = CliRun.Run(project.Root, "lint", project.Migrations);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(string.Empty, again.StandardOutput);
        Assert.Contains("more in the baseline", again.StandardError, StringComparison.Ordinal);

        var added = project.Add("20240201000000_more.sql", "create index if not exists profiles_bio on profiles (bio);\n");
        var fixedRun = CliRun.Run(project.Root, "lint", "--fix", project.Migrations);
        Assert.Equal(Index, File.ReadAllText(old));
        Assert.Contains("CONCURRENTLY", File.ReadAllText(added), StringComparison.Ordinal);
        Assert.Equal(0, fixedRun.ExitCode);

        var ignored = CliRun.Run(project.Root, "lint", "--no-baseline", project.Migrations);
        Assert.Contains("SB1003", ignored.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_explicit_baseline_is_a_usage_error()
    {
        using var project = new TempProject();
        project.Add("20240101000000_index.sql", Index);

        var result = CliRun.Run(project.Root, "lint", "--baseline", "nope.json", project.Migrations);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Since_skips_older_files_and_include_turns_on_opt_in_rules()
    {
        using var project = new TempProject();
        project.Add("20230101000000_old.sql", Index);
        project.Add("20240101000000_new.sql", "create table if not exists profiles (id bigint primary key);\n");

        var since = CliRun.Run(project.Root, "lint", "--since", "20240101000000", project.Migrations);
        Assert.DoesNotContain("SB1003", since.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("SB1039", since.StandardOutput, StringComparison.Ordinal);

        var included = CliRun.Run(project.Root, "lint", "--since", "20240101000000", "--include", "SB1039", project.Migrations);
        Assert.Contains("SB1039", included.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void GitLab_format_is_code_quality_json_with_paths_relative_to_the_project()
    {
        using var project = new TempProject();
        project.Add("20240101000000_index.sql", Index);

        var result = CliRun.Run(project.Root, new Dictionary<string, string?> { ["CI_PROJECT_DIR"] = project.Root }, "lint", "--format", "gitlab", project.Migrations);

        using var document = JsonDocument.Parse(result.StandardOutput);
        var finding = document.RootElement.EnumerateArray().First(i => i.GetProperty("check_name").GetString()!.StartsWith("SB1003", StringComparison.Ordinal));
        Assert.Equal("supabase/migrations/20240101000000_index.sql", finding.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        Assert.Equal(32, finding.GetProperty("fingerprint").GetString()!.Length);
    }
}

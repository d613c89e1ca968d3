using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Cli.Tests.Support;

namespace Supabase.Build.Cli.Tests;

/// <summary>Mistakes in the command line: exit code 2, one clear message on stderr, no stack trace, no report.</summary>
public class UsageErrorTests
{
    [SkippableFact]
    public void No_migrations_folder_anywhere_upward_is_a_usage_error()
    {
        using var empty = new TempDirectory();
        Skip.If(MigrationDirectoryLocator.FindFrom(empty.Path) is not null, "a supabase/migrations folder exists above the temp directory");

        var result = CliRun.Run(empty.Path, "lint");

        AssertUsageError(result, $"supabase-build: no supabase/migrations folder found in '{empty.Path}' or any folder above it");
    }

    [Fact]
    public void A_path_that_does_not_exist_is_a_usage_error()
    {
        using var project = new TempProject();

        var result = CliRun.Run(project.Root, "lint", "supabase/migrashuns");

        AssertUsageError(result, "supabase-build: 'supabase/migrashuns' does not exist");
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error_that_lists_the_formats()
    {
        using var project = new TempProject();

        var result = CliRun.Run(project.Root, "lint", "--format", "xml");

        AssertUsageError(result, "supabase-build: Argument 'xml' not recognized. Must be one of:");
        Assert.Contains("'sarif'", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Run 'supabase-build lint --help' for usage.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        using var project = new TempProject();

        var result = CliRun.Run(project.Root, "lint", "--strict");

        AssertUsageError(result, "supabase-build: unknown option '--strict'");
    }

    [Fact]
    public void An_option_without_its_value_is_a_usage_error()
    {
        using var project = new TempProject();

        var result = CliRun.Run(project.Root, "lint", "--format");

        AssertUsageError(result, "supabase-build: Required argument missing for option: '--format'.");
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error()
    {
        var result = CliRun.Run(Path.GetTempPath(), "lnt");

        AssertUsageError(result, "supabase-build: ");
        Assert.Contains("'lnt'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void No_command_at_all_prints_the_help_to_stderr_and_exits_2()
    {
        var result = CliRun.Run(Path.GetTempPath());

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        Assert.Contains("lint", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_file_that_cannot_be_written_is_a_usage_error()
    {
        using var project = new TempProject();
        project.Add("20240101000000_a.sql", LintCommandTests.Clean);

        var result = CliRun.Run(project.Root, "lint", "--output", "no/such/folder/report.json", "--format", "json");

        AssertUsageError(result, "supabase-build: cannot write the report to 'no/such/folder/report.json'");
    }

    private static void AssertUsageError(CliResult result, string messageStart)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        Assert.StartsWith(messageStart, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    private sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sb-cli-empty-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

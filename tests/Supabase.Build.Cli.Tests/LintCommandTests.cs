using Supabase.Build.Cli.Tests.Support;

namespace Supabase.Build.Cli.Tests;

/// <summary>
/// Exit codes, the text report and the summary, and how paths are found. The engine's rule set grows, so findings
/// are picked out by id and "clean" files hold only statements no rule has a reason to flag.
/// </summary>
public class LintCommandTests
{
    internal const string Clean = "select 1;\n";
    internal const string IndexStatement = "create index if not exists profiles_name on profiles(name);";
    internal const string IndexExisting = "-- index an existing table\n" + IndexStatement + "\n";

    [Fact]
    public void Clean_migrations_exit_0_with_nothing_on_stdout_and_a_summary_on_stderr()
    {
        using var project = new TempProject();
        project.Add("20240101000000_init.sql", Clean + "select 2;\n");
        project.Add("20240102000000_more.sql", Clean);

        var result = CliRun.Run(project.Root, "lint", project.Migrations);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        Assert.Equal("2 files, 3 statements: 0 errors, 0 warnings", result.StandardError.TrimEnd());
    }

    [Fact]
    public void An_error_finding_exits_1_and_prints_the_canonical_compiler_line()
    {
        using var project = new TempProject();
        project.Add("20240101000000_init.sql", Clean);
        var index = project.Add("20240102000000_index.sql", IndexExisting);

        var result = CliRun.Run(project.Root, "lint", project.Migrations);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Findings(result.StandardOutput, "SB1003"));
        Assert.StartsWith($"{index}(2,1): error SB1003: CREATE INDEX on 'profiles' blocks writes", line, StringComparison.Ordinal);
        Assert.Matches(@"^2 files, 2 statements: [1-9]\d* errors?, \d+ warnings?$", result.StandardError.TrimEnd());
    }

    [Fact]
    public void Only_warnings_exit_0()
    {
        using var project = new TempProject();
        project.Add("20240101000000_init.sql", Clean);
        var notes = project.Add("notes.sql", Clean);

        var result = CliRun.Run(project.Root, "lint", project.Migrations);

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(Lines(result.StandardOutput));
        Assert.StartsWith($"{notes}(1,1): warning SB0002: 'notes.sql' is not a migration file name", line, StringComparison.Ordinal);
        Assert.Equal("1 file, 1 statement: 0 errors, 1 warning", result.StandardError.TrimEnd());
    }

    [Fact]
    public void A_syntax_error_is_SB0001_at_its_exact_position_and_exits_1()
    {
        using var project = new TempProject();
        var broken = project.Add("20240101000000_broken.sql", "-- comment\nselect from from;\n");

        var result = CliRun.Run(project.Root, "lint", project.Migrations);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{broken}(2,13): error SB0001: syntax error at or near \"from\"", Assert.Single(Lines(result.StandardOutput)));
    }

    [Fact]
    public void Without_a_path_the_nearest_supabase_migrations_folder_upward_is_linted()
    {
        using var project = new TempProject();
        var index = project.Add("20240102000000_index.sql", IndexExisting);
        var nested = Path.Combine(project.Root, "src", "app");
        Directory.CreateDirectory(nested);

        var result = CliRun.Run(nested, "lint");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{index}(2,1): error SB1003:", Assert.Single(Findings(result.StandardOutput, "SB1003")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_directory_means_its_supabase_migrations_folder()
    {
        using var project = new TempProject();
        var index = project.Add("20240102000000_index.sql", IndexExisting);

        var result = CliRun.Run(Path.GetTempPath(), "lint", project.Root);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{index}(2,1): error SB1003:", Assert.Single(Findings(result.StandardOutput, "SB1003")), StringComparison.Ordinal);
    }

    [Fact]
    public void Named_files_are_linted_whatever_their_names_and_relative_to_the_working_directory()
    {
        using var project = new TempProject();
        project.Add("20240101000000_init.sql", Clean);
        var index = project.Add("20240102000000_index.sql", IndexExisting);
        var seed = project.Write("supabase/seed.sql", IndexStatement + "\n");

        var result = CliRun.Run(project.Root, "lint", "supabase/seed.sql", "supabase/migrations/20240102000000_index.sql");

        Assert.Equal(1, result.ExitCode);
        var lines = Findings(result.StandardOutput, "SB1003");
        Assert.Equal(2, lines.Count);
        Assert.StartsWith($"{seed}(1,1): error SB1003:", lines[0], StringComparison.Ordinal); // folders in argument order
        Assert.StartsWith($"{index}(2,1): error SB1003:", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("SB0002", result.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("2 files, 2 statements: ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_files_sharing_a_version_are_still_reported_as_duplicates()
    {
        using var project = new TempProject();
        project.Add("20240101000000_a.sql", Clean);
        var second = project.Add("20240101000000_b.sql", Clean);

        var result = CliRun.Run(project.Migrations, "lint", "20240101000000_a.sql", "20240101000000_b.sql");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{second}(1,1): error SB0002: version 20240101000000 is already used", Assert.Single(Lines(result.StandardOutput)), StringComparison.Ordinal);
    }

    [Fact]
    public void No_warn_switches_rules_off_by_id_or_name()
    {
        using var project = new TempProject();
        project.Add("20240102000000_index.sql", IndexExisting);
        project.Add("notes.sql", Clean);
        var all = CliRun.Run(project.Root, "lint", project.Migrations);

        var byId = CliRun.Run(project.Root, "lint", project.Migrations, "--no-warn", "SB1003,SB0002");
        var byName = CliRun.Run(project.Root, "lint", project.Migrations, "--no-warn", "require-concurrent-index-creation", "--no-warn", "invalid-migration-file");

        Assert.Single(Findings(all.StandardOutput, "SB1003"));
        Assert.Single(Findings(all.StandardOutput, "SB0002"));
        foreach (var run in new[] { byId, byName })
        {
            Assert.Empty(Findings(run.StandardOutput, "SB1003"));
            Assert.Empty(Findings(run.StandardOutput, "SB0002"));
            Assert.Equal(run.StandardOutput.Contains(": error ", StringComparison.Ordinal) ? 1 : 0, run.ExitCode);
        }

        Assert.Equal(byId.StandardOutput, byName.StandardOutput);
    }

    [Fact]
    public void Output_option_writes_the_report_to_a_file()
    {
        using var project = new TempProject();
        var index = project.Add("20240102000000_index.sql", IndexExisting);

        var result = CliRun.Run(project.Root, "lint", "--output", "report.txt");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        var report = File.ReadAllText(Path.Combine(project.Root, "report.txt"));
        Assert.StartsWith($"{index}(2,1): error SB1003:", Assert.Single(Findings(report, "SB1003")), StringComparison.Ordinal);
        Assert.StartsWith("1 file, 1 statement: ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_tool_version()
    {
        var result = CliRun.Run(Path.GetTempPath(), "--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", result.StandardOutput.Trim());
        Assert.Equal(CliApplication.Version, result.StandardOutput.Trim());
    }

    internal static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>The text-format lines of one diagnostic id.</summary>
    [Fact]
    public void Schemas_option_overrides_the_exposed_schemas_of_the_security_rules()
    {
        using var project = new TempProject();
        project.Add("20240101000000_init.sql", "create schema api;\ncreate table api.orders (id bigint primary key);\ngrant select on api.orders to anon;\n");

        var byDefault = CliRun.Run(project.Root, "lint", project.Migrations);
        var exposed = CliRun.Run(project.Root, "lint", project.Migrations, "--schemas", "public,api");

        Assert.Empty(Findings(byDefault.StandardOutput, "SB2001"));
        Assert.Contains("api.orders", Assert.Single(Findings(exposed.StandardOutput, "SB2001")), StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_version_option_wins_over_config_toml_and_is_named_in_the_message()
    {
        using var project = new TempProject();
        project.Write("supabase/config.toml", "[db]\nmajor_version = 17\n");
        var file = project.Add("20240101000000_sync.sql", "merge into t using s on t.id = s.id\n  when matched then delete\n  returning t.id;\n");

        var onSeventeen = CliRun.Run(project.Root, "lint", project.Migrations);
        var onFifteen = CliRun.Run(project.Root, "lint", project.Migrations, "--postgres-version", "15");

        Assert.Empty(Findings(onSeventeen.StandardOutput, "SB1041"));
        Assert.Equal(1, onFifteen.ExitCode);
        Assert.StartsWith(
            $"{file}(3,3): error SB1041: MERGE ... RETURNING needs PostgreSQL 17; --postgres-version 15",
            Assert.Single(Findings(onFifteen.StandardOutput, "SB1041")),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("15.4")]
    [InlineData("fifteen")]
    [InlineData("9")]
    public void A_postgres_version_that_is_not_a_major_version_is_a_usage_error(string value)
    {
        using var project = new TempProject();
        project.Add("20240101000000_init.sql", Clean);

        var result = CliRun.Run(project.Root, "lint", project.Migrations, "--postgres-version", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--postgres-version '{value}' is not a PostgreSQL major version", result.StandardError, StringComparison.Ordinal);
    }

    internal static List<string> Findings(string text, string id) =>
        Lines(text).Where(l => l.Contains($" {id}: ", StringComparison.Ordinal)).ToList();
}

using Supabase.Build.Cli.Tests.Support;

namespace Supabase.Build.Cli.Tests;

/// <summary>
/// The hidden commands the SDK's targets run when a build runs out of process (<c>msbuild locate|lint|report</c>, and
/// <c>--msbuild-project</c> on the others): the build's two lint steps, canonical lines with help links, exit codes.
/// </summary>
public sealed class BuildModeTests
{
    [Fact]
    public void Lint_writes_the_results_file_and_report_prints_it_as_canonical_lines()
    {
        using var project = new TempProject();
        var table = project.Add("20240101000000_table.sql", "create table if not exists t (id bigint primary key, e text);\n");
        var index = project.Add("20240201000000_index.sql", "-- by e\n\n  create index t_e on t (e);\n");
        var csproj = project.Write("App/App.csproj", "<Project />");
        var results = Path.Combine(project.Root, "App", "obj", "supabase-lint.json");

        var located = CliRun.Run(Path.Combine(project.Root, "App"), "msbuild", "locate", "--from", ".");
        Assert.Equal(0, located.ExitCode);
        Assert.Equal(project.Migrations, located.StandardOutput.Trim());

        var lint = CliRun.Run(project.Root, "msbuild", "lint", "--migrations-directory", project.Migrations, "--file", table, "--file", index, "--no-warn", "SB1037;SB2001",
            "--warnings-as-errors", "SB1004", "--results", results, "--msbuild-project", csproj);
        Assert.True(lint.ExitCode == 0, lint.StandardError);
        Assert.Empty(lint.StandardOutput); // the lint step logs no findings
        Assert.Contains("Supabase.Build: linted 2 migration file(s), 2 statement(s)", lint.StandardError, StringComparison.Ordinal);
        Assert.True(File.Exists(results));

        var report = CliRun.Run(project.Root, "msbuild", "report", "--results", results, "--msbuild-project", csproj);
        Assert.Equal(1, report.ExitCode);
        Assert.Contains(
            $"{index}(3,3): error SB1003: CREATE INDEX on 't' blocks writes to the table while the index builds; use CREATE INDEX CONCURRENTLY (outside a transaction) (https://github.com/supabase-build/Supabase.Build/blob/main/docs/rules/SB1003.md)",
            report.StandardOutput.Split('\n'));
        Assert.DoesNotContain("SB1037", report.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diagnostic_about_no_file_is_placed_on_the_project_and_a_damaged_results_file_is_removed()
    {
        using var project = new TempProject();
        var csproj = project.Write("App/App.csproj", "<Project />");
        var results = project.Write("App/obj/supabase-lint.json", "{ not json");

        var report = CliRun.Run(project.Root, "msbuild", "report", "--results", results, "--msbuild-project", csproj);

        Assert.Equal(1, report.ExitCode);
        Assert.StartsWith($"{csproj} : error: Supabase.Build: could not read the lint results '{results}'", report.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(results));

        var missing = CliRun.Run(project.Root, "push", Path.Combine(project.Root, "nowhere"), "--msbuild-project", csproj);
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith($"{csproj} : error SB0007: the migrations directory", missing.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void New_in_a_build_reports_a_bad_name_as_the_task_does()
    {
        using var project = new TempProject();
        var csproj = project.Write("App/App.csproj", "<Project />");

        var refused = CliRun.Run(Path.Combine(project.Root, "App"), "new", "--msbuild-project", csproj);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"{csproj} : error SB0504: ", refused.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("run dotnet msbuild -t:SupabaseNewMigration -p:Name=<name>", refused.StandardOutput, StringComparison.Ordinal);

        var created = CliRun.Run(Path.Combine(project.Root, "App"), "new", "add_profiles", "--msbuild-project", csproj);
        Assert.Equal(0, created.ExitCode);
        Assert.StartsWith($"Supabase.Build: created {project.Migrations}{Path.DirectorySeparatorChar}", created.StandardOutput, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using Supabase.Build.Cli.Tests.Support;

namespace Supabase.Build.Cli.Tests;

/// <summary>
/// --format json, sarif and github from the real process, parsed and checked field by field (for the ids these
/// files are made to trigger; the engine's growing rule set may add others).
/// </summary>
public class ReportFormatTests
{
    private const string Init = LintCommandTests.Clean;
    private const string Index = LintCommandTests.IndexExisting + "select from from;\n";
    private static readonly string[] Ids = { "SB0001", "SB0002", "SB1003" };
    private static readonly int IndexEnd = LintCommandTests.IndexStatement.TrimEnd(';').Length + 1; // the span ends before the ';'


    [Fact]
    public void Json_lists_every_finding_with_file_span_id_name_severity_message_and_help_link()
    {
        using var project = new TempProject();
        project.Add("20240101000000_init.sql", Init);
        var index = project.Add("20240102000000_index.sql", Index);
        var notes = project.Add("notes.sql", LintCommandTests.Clean);

        var result = CliRun.Run(project.Root, "lint", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("2 files, 2 statements: ", result.StandardError, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var items = json.RootElement.EnumerateArray().Where(i => Ids.Contains(i.GetProperty("id").GetString())).ToList();
        Assert.Equal(3, items.Count);

        AssertItem(items[0], notes, (1, 1, 1, 1), "SB0002", "invalid-migration-file", "warning", "'notes.sql' is not a migration file name");
        AssertItem(items[1], index, (2, 1, 2, IndexEnd), "SB1003", "require-concurrent-index-creation", "error", "CREATE INDEX on 'profiles' blocks writes");
        AssertItem(items[2], index, (3, 13, 3, 13), "SB0001", "syntax-error", "error", "syntax error at or near \"from\"");
    }

    [Fact]
    public void A_json_report_of_many_findings_streams_out_whole_to_stdout_and_to_a_file_alike()
    {
        // 600 findings make a report of a few hundred kilobytes: written out in chunks as it is made, not held whole.
        using var project = new TempProject();
        project.Add("20240101000000_init.sql", Init);
        var statements = Enumerable.Range(0, 600).Select(i => $"create index if not exists profiles_name_{i} on profiles(name);\n");
        project.Add("20240102000000_indexes.sql", "-- ünïcode in a comment\n" + string.Concat(statements));

        var toStdout = CliRun.Run(project.Root, "lint", "--format", "json");
        var toFile = CliRun.Run(project.Root, "lint", "--format", "json", "--output", "report.json");

        Assert.Equal(1, toStdout.ExitCode);
        Assert.Equal(1, toFile.ExitCode);
        Assert.True(toStdout.StandardOutput.Length > 200_000, $"expected a large report, got {toStdout.StandardOutput.Length} characters");
        using var json = JsonDocument.Parse(toStdout.StandardOutput);
        var lines = json.RootElement.EnumerateArray().Where(i => i.GetProperty("id").GetString() == "SB1003").Select(i => i.GetProperty("line").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(2, 600), lines);
        Assert.Equal(string.Empty, toFile.StandardOutput);
        Assert.Equal(toStdout.StandardOutput, File.ReadAllText(Path.Combine(project.Root, "report.json")));
    }

    [Fact]
    public void Json_of_a_clean_run_is_an_empty_array()
    {
        using var project = new TempProject();
        project.Add("20240101000000_init.sql", Init);

        var result = CliRun.Run(project.Root, "lint", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(0, json.RootElement.GetArrayLength());
    }

    [Fact]
    public void Sarif_is_a_2_1_0_log_with_locations_relative_to_the_working_directory()
    {
        using var project = new TempProject();
        project.Add("20240101000000_init.sql", Init);
        project.Add("20240102000000_index.sql", Index);

        var result = CliRun.Run(project.Root, "lint", "--format", "sarif", "--output", "lint.sarif");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        using var sarif = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(project.Root, "lint.sarif")));
        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("Supabase.Build", driver.GetProperty("name").GetString());
        Assert.Equal(CliApplication.Version, driver.GetProperty("semanticVersion").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Contains(rules, r => r.GetProperty("id").GetString() == "SB1003");
        Assert.Equal(new Uri(project.Root + "/").AbsoluteUri, run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString());

        var results = run.GetProperty("results").EnumerateArray().Where(r => Ids.Contains(r.GetProperty("ruleId").GetString())).ToList();
        Assert.Equal(new[] { "SB1003", "SB0001" }, results.Select(r => r.GetProperty("ruleId").GetString()));
        var first = results[0];
        Assert.Equal("SB1003", rules[first.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        Assert.Equal("error", first.GetProperty("level").GetString());
        Assert.StartsWith("CREATE INDEX on 'profiles'", first.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var location = Assert.Single(first.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
        Assert.Equal("supabase/migrations/20240102000000_index.sql", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        var region = location.GetProperty("region");
        Assert.Equal(
            (2, 1, 2, IndexEnd),
            (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(), region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()));
    }

    [Fact]
    public void GitHub_prints_workflow_commands_relative_to_GITHUB_WORKSPACE()
    {
        using var project = new TempProject();
        project.Add("20240101000000_init.sql", Init);
        project.Add("20240102000000_index.sql", Index);
        project.Add("notes.sql", LintCommandTests.Clean);
        var elsewhere = Path.Combine(project.Root, "supabase");
        var environment = new Dictionary<string, string?> { ["GITHUB_WORKSPACE"] = project.Root };

        var result = CliRun.Run(elsewhere, environment, "lint", "--format", "github");

        Assert.Equal(1, result.ExitCode);
        var lines = LintCommandTests.Lines(result.StandardOutput).Where(l => Ids.Any(id => l.Contains($"title={id} ", StringComparison.Ordinal))).ToList();
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("::warning file=supabase/migrations/notes.sql,line=1,col=1,endLine=1,endColumn=1,title=SB0002 invalid-migration-file::'notes.sql' is not", lines[0], StringComparison.Ordinal);
        Assert.Equal(
            $"::error file=supabase/migrations/20240102000000_index.sql,line=2,col=1,endLine=2,endColumn={IndexEnd},title=SB1003 require-concurrent-index-creation::CREATE INDEX on 'profiles' blocks writes to the table while the index builds; use CREATE INDEX CONCURRENTLY (outside a transaction)",
            lines[1]);
        Assert.Equal(
            "::error file=supabase/migrations/20240102000000_index.sql,line=3,col=13,endLine=3,endColumn=13,title=SB0001 syntax-error::syntax error at or near \"from\"",
            lines[2]);
    }

    private static void AssertItem(JsonElement item, string file, (int Line, int Column, int EndLine, int EndColumn) span, string id, string name, string severity, string messageStart)
    {
        Assert.Equal(file, item.GetProperty("file").GetString());
        Assert.Equal(span, (item.GetProperty("line").GetInt32(), item.GetProperty("column").GetInt32(), item.GetProperty("endLine").GetInt32(), item.GetProperty("endColumn").GetInt32()));
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal(name, item.GetProperty("name").GetString());
        Assert.Equal(severity, item.GetProperty("severity").GetString());
        Assert.StartsWith(messageStart, item.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal($"https://github.com/supabase-build/Supabase.Build/blob/main/docs/rules/{id}.md", item.GetProperty("helpLink").GetString());
    }
}

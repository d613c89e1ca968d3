using System.Text.Json;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Reporting;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Support;
using static Supabase.Build.Migrations.Tests.Reporting.ReportSamples;

namespace Supabase.Build.Migrations.Tests.Reporting;

public class SarifWriterTests
{
    private static readonly IEnumerable<RuleDescriptor> Catalogue = new MigrationLinter(MigrationWorkspace.Parser).Descriptors;

    [Fact]
    public void Writes_a_sarif_2_1_0_run_with_the_driver_the_rule_table_and_relative_locations()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_init.sql", "create table a(id int);\n");
        workspace.Add("20240102000000_index.sql", "-- existing table\ncreate index a_id on a(id);\n");
        workspace.Add("20240103000000_broken.sql", "select from from;\n");
        var result = workspace.Lint(new[] { new SB1003RequireConcurrentIndexCreation() });

        using var sarif = Write(result.Diagnostics, Catalogue, "1.2.3", workspace.Root);
        var root = sarif.RootElement;

        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());

        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("Supabase.Build", driver.GetProperty("name").GetString());
        Assert.Equal("https://github.com/supabase-build/Supabase.Build", driver.GetProperty("informationUri").GetString());
        Assert.Equal("1.2.3", driver.GetProperty("semanticVersion").GetString());
        Assert.Equal("1.2.3", driver.GetProperty("version").GetString());

        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        var ids = rules.Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
        Assert.Equal(Catalogue.Select(r => r.Id).OrderBy(i => i, StringComparer.Ordinal), ids);
        var sb1003 = rules.Single(r => r.GetProperty("id").GetString() == "SB1003");
        Assert.Equal("require-concurrent-index-creation", sb1003.GetProperty("name").GetString());
        Assert.Equal("Create indexes CONCURRENTLY on existing tables", sb1003.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("https://github.com/supabase-build/Supabase.Build/blob/main/docs/rules/SB1003.md", sb1003.GetProperty("helpUri").GetString());
        Assert.Equal("error", sb1003.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        var sb0002 = rules.Single(r => r.GetProperty("id").GetString() == "SB0002");
        Assert.Equal("warning", sb0002.GetProperty("defaultConfiguration").GetProperty("level").GetString());

        var baseUri = run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString();
        Assert.Equal(new Uri(workspace.Root + "/").AbsoluteUri, baseUri);
        Assert.Equal("utf16CodeUnits", run.GetProperty("columnKind").GetString());

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(result.Diagnostics.Count, results.Count);
        Assert.Equal(2, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var expected = result.Diagnostics[i];
            var actual = results[i];
            Assert.Equal(expected.Id, actual.GetProperty("ruleId").GetString());
            Assert.Equal(expected.Id, rules[actual.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Equal("error", actual.GetProperty("level").GetString());
            Assert.Equal(expected.Message, actual.GetProperty("message").GetProperty("text").GetString());

            var physical = Assert.Single(actual.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
            var artifact = physical.GetProperty("artifactLocation");
            Assert.Equal("supabase/migrations/" + Path.GetFileName(expected.FilePath), artifact.GetProperty("uri").GetString());
            Assert.Equal("SRCROOT", artifact.GetProperty("uriBaseId").GetString());
            var region = physical.GetProperty("region");
            Assert.Equal(expected.Span.Start.Line, region.GetProperty("startLine").GetInt32());
            Assert.Equal(expected.Span.Start.Column, region.GetProperty("startColumn").GetInt32());
            Assert.Equal(expected.Span.End.Line, region.GetProperty("endLine").GetInt32());
            Assert.Equal(expected.Span.End.Column, region.GetProperty("endColumn").GetInt32());
        }

        // The index statement on line 2 of the second file, and the syntax error at "from" in the third.
        var index = results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal((2, 1), (index.GetProperty("startLine").GetInt32(), index.GetProperty("startColumn").GetInt32()));
        Assert.Equal("SB0001", results[1].GetProperty("ruleId").GetString());
    }

    [Fact]
    public void Without_a_base_directory_files_are_absolute_file_uris_with_spaces_escaped()
    {
        var file = InRoot("my project", "supabase", "migrations", "20240101000000_a b.sql");
        var diagnostics = new[] { Diagnostic(ConcurrentIndex, file, 3, 5, 3, 40, "use CONCURRENTLY") };

        using var sarif = Write(diagnostics, Catalogue, "0.1.0");

        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.False(run.TryGetProperty("originalUriBaseIds", out _));
        var artifact = run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        var uri = artifact.GetProperty("uri").GetString()!;
        Assert.StartsWith("file:///", uri, StringComparison.Ordinal);
        Assert.EndsWith("/my%20project/supabase/migrations/20240101000000_a%20b.sql", uri, StringComparison.Ordinal);
        Assert.Equal(file, new Uri(uri).LocalPath);
        Assert.False(artifact.TryGetProperty("uriBaseId", out _));
    }

    [Fact]
    public void A_file_outside_the_base_directory_stays_absolute_and_relative_paths_are_escaped_per_segment()
    {
        var inside = InRoot("supabase", "migrations", "20240101000000_100%.sql");
        var outside = Path.Combine(Path.GetTempPath(), "elsewhere", "20240101000000_x.sql");
        var diagnostics = new[]
        {
            Diagnostic(ConcurrentIndex, inside, 1, 1, 1, 10, "a"),
            Diagnostic(ConcurrentIndex, outside, 1, 1, 1, 10, "b"),
        };

        using var sarif = Write(diagnostics, Catalogue, "0.1.0", Root);

        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results");
        var first = results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("supabase/migrations/20240101000000_100%25.sql", first.GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", first.GetProperty("uriBaseId").GetString());
        var second = results[1].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal(new Uri(outside).AbsoluteUri, second.GetProperty("uri").GetString());
        Assert.False(second.TryGetProperty("uriBaseId", out _));
    }

    [Fact]
    public void Levels_map_to_error_warning_and_note_and_a_rule_missing_from_the_catalogue_is_added()
    {
        var file = InRoot("supabase", "migrations", "20240101000000_a.sql");
        var diagnostics = new[]
        {
            Diagnostic(ConcurrentIndex, file, 1, 1, 1, 2, "error one"),
            Diagnostic(ConcurrentIndex, file, 2, 1, 2, 2, "downgraded", DiagnosticSeverity.Warning),
            Diagnostic(InfoRule, file, 3, 1, 3, 2, "advice"),
        };

        using var sarif = Write(diagnostics, new[] { ConcurrentIndex }, "0.1.0", Root);

        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.Equal(new[] { "SB1003", "SB1999" }, rules.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("note", rules[1].GetProperty("defaultConfiguration").GetProperty("level").GetString());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(new[] { "error", "warning", "note" }, results.Select(r => r.GetProperty("level").GetString()));
        Assert.Equal(new[] { 0, 0, 1 }, results.Select(r => r.GetProperty("ruleIndex").GetInt32()));
    }

    [Fact]
    public void A_diagnostic_that_is_not_about_a_file_has_no_location()
    {
        var parserMissing = MigrationDiagnostic.ForFile(ToolDiagnostics.ParserNotFound, "libpg_query", "the PostgreSQL parser libpg_query was not found");

        using var sarif = Write(new[] { parserMissing }, Catalogue, "0.1.0", Root);

        var result = Assert.Single(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal("SB0003", result.GetProperty("ruleId").GetString());
        Assert.False(result.TryGetProperty("locations", out _));
    }

    [Fact]
    public void Output_is_deterministic_whatever_order_the_catalogue_comes_in()
    {
        var file = InRoot("supabase", "migrations", "20240101000000_a.sql");
        var diagnostics = new[] { Diagnostic(ConcurrentIndex, file, 1, 1, 1, 2, "msg with \"quotes\" and 'ticks' and é") };

        var first = WriteBytes(diagnostics, Catalogue, "0.1.0", Root);
        var second = WriteBytes(diagnostics, Catalogue.Reverse(), "0.1.0", Root);

        Assert.Equal(first, second);
        using var document = JsonDocument.Parse(first);
        Assert.Equal("msg with \"quotes\" and 'ticks' and é", document.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void An_empty_run_still_lists_the_rules()
    {
        using var sarif = Write(Array.Empty<MigrationDiagnostic>(), Catalogue, "0.1.0");

        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
        Assert.Equal(Catalogue.Count(), run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());
    }

    private static byte[] WriteBytes(IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> rules, string version, string? baseDirectory = null)
    {
        using var stream = new MemoryStream();
        SarifWriter.Write(stream, diagnostics, rules, version, baseDirectory);
        return stream.ToArray();
    }

    private static JsonDocument Write(IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> rules, string version, string? baseDirectory = null) =>
        JsonDocument.Parse(WriteBytes(diagnostics, rules, version, baseDirectory));
}

using System.Text;
using System.Text.Json;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Reporting;
using Supabase.Build.Migrations.Tests.Support;
using static Supabase.Build.Migrations.Tests.Reporting.ReportSamples;

namespace Supabase.Build.Migrations.Tests.Reporting;

public class JsonReportTests
{
    private static readonly IReadOnlyList<RuleDescriptor> Catalogue = new MigrationLinter(MigrationWorkspace.Parser).Descriptors.ToList();

    [Fact]
    public void A_real_lint_result_round_trips_exactly()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_init.sql", "create table a(id int);\n");
        workspace.Add("20240102000000_index.sql", "create index a_id on a(id);\r\ncreate index a_id2 on a(id);\n");
        workspace.Add("20240102000000_same_version.sql", "select 1;\n");
        workspace.Add("20240103000000_broken.sql", "-- ünïcode before the error\nselect from from;\n");
        workspace.Add("20240104000000_empty.sql", "-- nothing\n");
        workspace.Add("notes.sql", "select 1;\n");
        var diagnostics = workspace.Lint().Diagnostics;
        Assert.Contains(diagnostics, d => d.Id == "SB0002" && d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(diagnostics, d => d.Id == "SB0002" && d.Severity == DiagnosticSeverity.Warning);
        Assert.Contains(diagnostics, d => d.Id == "SB0001");
        Assert.Contains(diagnostics, d => d.Id == "SB1003");

        var readBack = RoundTrip(diagnostics, Catalogue);

        Assert.Equal(diagnostics, readBack);
        Assert.All(readBack, d => Assert.Same(Catalogue.Single(r => r.Id == d.Id), d.Rule));
    }

    [Fact]
    public void Writes_one_object_per_diagnostic_with_the_documented_fields()
    {
        var file = InRoot("supabase", "migrations", "20240101000000_a.sql");
        var diagnostics = new[]
        {
            Diagnostic(ConcurrentIndex, file, 2, 3, 4, 5, "use CONCURRENTLY"),
            Diagnostic(ConcurrentIndex, file, 6, 1, 6, 9, "downgraded", DiagnosticSeverity.Warning),
            Diagnostic(InfoRule, file, 7, 1, 7, 2, "advice"),
        };

        using var stream = new MemoryStream();
        JsonReport.Write(stream, diagnostics);
        using var document = JsonDocument.Parse(stream.ToArray());

        var items = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        var first = items[0];
        Assert.Equal(
            new[] { "file", "line", "column", "endLine", "endColumn", "id", "name", "severity", "message", "helpLink" },
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(file, first.GetProperty("file").GetString());
        Assert.Equal(2, first.GetProperty("line").GetInt32());
        Assert.Equal(3, first.GetProperty("column").GetInt32());
        Assert.Equal(4, first.GetProperty("endLine").GetInt32());
        Assert.Equal(5, first.GetProperty("endColumn").GetInt32());
        Assert.Equal("SB1003", first.GetProperty("id").GetString());
        Assert.Equal("require-concurrent-index-creation", first.GetProperty("name").GetString());
        Assert.Equal("error", first.GetProperty("severity").GetString());
        Assert.Equal("use CONCURRENTLY", first.GetProperty("message").GetString());
        Assert.Equal("https://github.com/supabase-build/Supabase.Build/blob/main/docs/rules/SB1003.md", first.GetProperty("helpLink").GetString());
        Assert.Equal(new[] { "error", "warning", "info" }, items.Select(i => i.GetProperty("severity").GetString()));
    }

    [Fact]
    public void Awkward_paths_and_messages_survive_the_round_trip()
    {
        var file = InRoot("dir with space", "ünï \"quoted\"", "20240101000000_a,b:c%.sql");
        var message = "line one\nline two\r\n\ttab, 'ticks', \"quotes\", back\\slash, emoji 🐘, <html> & \u0001";
        var diagnostics = new[] { Diagnostic(ConcurrentIndex, file, 1, 1, 1, 1, message) };

        Assert.Equal(diagnostics, RoundTrip(diagnostics, Catalogue));
    }

    [Fact]
    public void An_empty_report_is_an_empty_array()
    {
        using var stream = new MemoryStream();
        JsonReport.Write(stream, Array.Empty<MigrationDiagnostic>());

        Assert.Equal("[]\n", Encoding.UTF8.GetString(stream.ToArray()));
        stream.Position = 0;
        Assert.Empty(JsonReport.Read(stream, Catalogue));
    }

    [Fact]
    public void An_id_the_catalogue_lacks_gets_a_descriptor_from_the_report()
    {
        var file = InRoot("supabase", "migrations", "20240101000000_a.sql");
        var diagnostics = new[]
        {
            Diagnostic(InfoRule, file, 1, 1, 1, 2, "first"),
            Diagnostic(InfoRule, file, 2, 1, 2, 2, "second"),
        };

        var readBack = RoundTrip(diagnostics, Catalogue);

        Assert.Equal(2, readBack.Count);
        var rule = readBack[0].Rule;
        Assert.Equal(("SB1999", "some-advice", DiagnosticSeverity.Info), (rule.Id, rule.Name, rule.DefaultSeverity));
        Assert.Equal(InfoRule.HelpLink, rule.HelpLink);
        Assert.Same(rule, readBack[1].Rule);
        Assert.Equal(diagnostics.Select(d => (d.FilePath, d.Span, d.Severity, d.Message)), readBack.Select(d => (d.FilePath, d.Span, d.Severity, d.Message)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("[{\"file\":\"a\"}]")]
    [InlineData("[{\"file\":\"a\",\"line\":1,\"column\":1,\"endLine\":1,\"endColumn\":1,\"id\":\"SB1003\",\"name\":\"x\",\"severity\":\"fatal\",\"message\":\"m\"}]")]
    [InlineData("[{\"file\":\"a\",\"line\":\"1\",\"column\":1,\"endLine\":1,\"endColumn\":1,\"id\":\"SB1003\",\"name\":\"x\",\"severity\":\"error\",\"message\":\"m\"}]")]
    public void Something_that_is_not_a_report_is_InvalidDataException(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        Assert.Throws<InvalidDataException>(() => JsonReport.Read(stream, Catalogue));
    }

    private static IReadOnlyList<MigrationDiagnostic> RoundTrip(IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> catalogue)
    {
        using var stream = new MemoryStream();
        JsonReport.Write(stream, diagnostics);
        stream.Position = 0;
        return JsonReport.Read(stream, catalogue);
    }
}

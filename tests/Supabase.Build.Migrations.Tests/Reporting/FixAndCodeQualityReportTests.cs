using System.Text.Json;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Reporting;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.PgQuery;
using static Supabase.Build.Migrations.Tests.Reporting.ReportSamples;

namespace Supabase.Build.Migrations.Tests.Reporting;

public class FixAndCodeQualityReportTests
{
    private static readonly IReadOnlyList<RuleDescriptor> Catalogue = new MigrationLinter(MigrationWorkspace.Parser).Descriptors.ToList();

    private static MigrationDiagnostic WithFix(string file) =>
        Diagnostic(ConcurrentIndex, file, 3, 1, 3, 25, "use CONCURRENTLY") with
        {
            Fingerprint = "0123456789abcdef0123456789abcdef",
            Fix = new DiagnosticFix(
                "add CONCURRENTLY",
                new TextEdit(new SourceSpan(new SourcePosition(3, 13), new SourcePosition(3, 13)), " CONCURRENTLY"),
                new TextEdit(new SourceSpan(new SourcePosition(1, 1), new SourcePosition(1, 1)), "ALTER TABLE t VALIDATE CONSTRAINT c;\n", InRoot("supabase", "migrations", "20240101000001_validate_constraints.sql"))),
        };

    [Fact]
    public void Fixes_and_fingerprints_round_trip_through_the_json_report_exactly()
    {
        var diagnostics = new[] { WithFix(InRoot("supabase", "migrations", "20240101000000_a.sql")) };

        using var stream = new MemoryStream();
        JsonReport.Write(stream, diagnostics);
        stream.Position = 0;

        Assert.Equal(diagnostics, JsonReport.Read(stream, Catalogue));
    }

    [Fact]
    public void A_real_lint_with_fixes_round_trips_exactly()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_a.sql", "create index a_x on a (x);\nalter table a add constraint a_fk foreign key (b) references b (id);\nbegin;\ncommit;\n");
        var diagnostics = workspace.Lint().Diagnostics;
        Assert.Contains(diagnostics, d => d.Fix is not null);

        using var stream = new MemoryStream();
        JsonReport.Write(stream, diagnostics);
        stream.Position = 0;

        Assert.Equal(diagnostics, JsonReport.Read(stream, Catalogue));
    }

    [Fact]
    public void Sarif_carries_fixes_per_artifact_and_the_stable_fingerprint()
    {
        var diagnostic = WithFix(InRoot("supabase", "migrations", "20240101000000_a.sql"));
        using var stream = new MemoryStream();
        SarifWriter.Write(stream, new[] { diagnostic }, Catalogue, "1.0.0", Root);
        using var document = JsonDocument.Parse(stream.ToArray());

        var result = document.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal("0123456789abcdef0123456789abcdef", result.GetProperty("partialFingerprints").GetProperty(SarifWriter.FingerprintKey).GetString());
        var fix = Assert.Single(result.GetProperty("fixes").EnumerateArray().ToList());
        Assert.Equal("add CONCURRENTLY", fix.GetProperty("description").GetProperty("text").GetString());
        var changes = fix.GetProperty("artifactChanges").EnumerateArray().ToList();
        Assert.Equal(2, changes.Count);
        Assert.Equal("supabase/migrations/20240101000000_a.sql", changes[0].GetProperty("artifactLocation").GetProperty("uri").GetString());
        var replacement = changes[0].GetProperty("replacements")[0];
        Assert.Equal(13, replacement.GetProperty("deletedRegion").GetProperty("startColumn").GetInt32());
        Assert.Equal(" CONCURRENTLY", replacement.GetProperty("insertedContent").GetProperty("text").GetString());
        Assert.Equal("supabase/migrations/20240101000001_validate_constraints.sql", changes[1].GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public void GitLab_code_quality_has_the_fields_gitlab_reads()
    {
        var diagnostics = new[]
        {
            WithFix(InRoot("supabase", "migrations", "20240101000000_a.sql")),
            Diagnostic(InfoRule, InRoot("supabase", "migrations", "20240101000000_a.sql"), 5, 1, 6, 2, "advice"),
        };
        using var stream = new MemoryStream();
        GitLabCodeQualityWriter.Write(stream, diagnostics, Root);
        using var document = JsonDocument.Parse(stream.ToArray());

        var items = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("SB1003 require-concurrent-index-creation", items[0].GetProperty("check_name").GetString());
        Assert.Equal("critical", items[0].GetProperty("severity").GetString());
        Assert.Equal("0123456789abcdef0123456789abcdef", items[0].GetProperty("fingerprint").GetString());
        Assert.Equal("supabase/migrations/20240101000000_a.sql", items[0].GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(3, items[0].GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());
        Assert.Contains("use CONCURRENTLY", items[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("info", items[1].GetProperty("severity").GetString());
        Assert.Equal(32, items[1].GetProperty("fingerprint").GetString()!.Length);
        Assert.Equal(6, items[1].GetProperty("location").GetProperty("lines").GetProperty("end").GetInt32());
    }

    [Fact]
    public void Text_output_shows_the_fix_under_the_diagnostic()
    {
        var lines = TextFormatter.FixLines(WithFix(InRoot("a.sql"))).ToList();

        Assert.Equal("    fix: add CONCURRENTLY (supabase-build lint --fix applies it)", lines[0]);
        Assert.Equal("      3:13: insert \" CONCURRENTLY\"", lines[1]);
        Assert.Equal("      20240101000001_validate_constraints.sql: append \"ALTER TABLE t VALIDATE CONSTRAINT c;\\n\"", lines[2]);
    }
}

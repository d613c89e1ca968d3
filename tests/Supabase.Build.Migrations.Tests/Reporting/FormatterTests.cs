using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Reporting;
using static Supabase.Build.Migrations.Tests.Reporting.ReportSamples;

namespace Supabase.Build.Migrations.Tests.Reporting;

public class FormatterTests
{
    private static readonly string File = InRoot("supabase", "migrations", "20240101000000_a.sql");

    [Fact]
    public void Text_is_the_canonical_compiler_form()
    {
        var d = Diagnostic(ConcurrentIndex, File, 12, 3, 12, 40, "CREATE INDEX on 't' blocks writes");

        Assert.Equal($"{File}(12,3): error SB1003: CREATE INDEX on 't' blocks writes", TextFormatter.Format(d));
    }

    [Theory]
    [InlineData(DiagnosticSeverity.Error, "error")]
    [InlineData(DiagnosticSeverity.Warning, "warning")]
    [InlineData(DiagnosticSeverity.Info, "info")]
    public void Text_names_the_severity(DiagnosticSeverity severity, string word)
    {
        var d = Diagnostic(ConcurrentIndex, File, 1, 1, 1, 2, "m", severity);

        Assert.Equal($"{File}(1,1): {word} SB1003: m", TextFormatter.Format(d));
    }

    [Fact]
    public void GitHub_is_a_workflow_command_with_the_path_relative_to_the_workspace()
    {
        var d = Diagnostic(ConcurrentIndex, File, 2, 1, 2, 30, "use CREATE INDEX CONCURRENTLY");

        Assert.Equal(
            "::error file=supabase/migrations/20240101000000_a.sql,line=2,col=1,endLine=2,endColumn=30,title=SB1003 require-concurrent-index-creation::use CREATE INDEX CONCURRENTLY",
            GitHubFormatter.Format(d, Root));
    }

    [Theory]
    [InlineData(DiagnosticSeverity.Error, "::error ")]
    [InlineData(DiagnosticSeverity.Warning, "::warning ")]
    [InlineData(DiagnosticSeverity.Info, "::notice ")]
    public void GitHub_command_follows_the_severity(DiagnosticSeverity severity, string prefix)
    {
        var d = Diagnostic(ConcurrentIndex, File, 1, 1, 1, 2, "m", severity);

        Assert.StartsWith(prefix, GitHubFormatter.Format(d, Root), StringComparison.Ordinal);
    }

    [Fact]
    public void GitHub_escapes_percent_and_newlines_in_the_message_and_also_colon_and_comma_in_properties()
    {
        var file = InRoot("supabase", "migrations", "20240101000000_a,b:c%d.sql");
        var rule = new RuleDescriptor("SB1998", "odd:name,here", DiagnosticSeverity.Warning, "t");
        var d = Diagnostic(rule, file, 1, 2, 3, 4, "100% sure:\r\nsecond, line");

        Assert.Equal(
            "::warning file=supabase/migrations/20240101000000_a%2Cb%3Ac%25d.sql,line=1,col=2,endLine=3,endColumn=4,title=SB1998 odd%3Aname%2Chere::100%25 sure:%0D%0Asecond, line",
            GitHubFormatter.Format(d, Root));
    }

    [Fact]
    public void GitHub_keeps_absolute_paths_without_a_base_or_outside_it()
    {
        var outside = Path.Combine(Path.GetTempPath(), "x", "20240101000000_a.sql");
        var d = Diagnostic(ConcurrentIndex, outside, 1, 1, 1, 2, "m");

        Assert.Contains("file=" + GitHubFormatter.EscapeProperty(outside) + ",", GitHubFormatter.Format(d, Root), StringComparison.Ordinal);
        Assert.Contains("file=" + GitHubFormatter.EscapeProperty(File) + ",", GitHubFormatter.Format(d with { FilePath = File }), StringComparison.Ordinal);
    }

    [Fact]
    public void GitHub_annotation_for_a_diagnostic_that_is_not_about_a_file_has_no_file_properties()
    {
        var d = MigrationDiagnostic.ForFile(ToolDiagnostics.ParserNotFound, "libpg_query", "not found");

        Assert.Equal("::error title=SB0003 parser-not-found::not found", GitHubFormatter.Format(d, Root));
    }
}

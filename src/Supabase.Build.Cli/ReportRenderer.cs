using System.Text;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Reporting;

namespace Supabase.Build.Cli;

/// <summary>Findings in one of the <see cref="ReportFormat"/>s, to standard output or a file: what lint and advise share.</summary>
internal sealed class ReportRenderer(string workingDirectory)
{
    public void Write(string format, string? outputPath, IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> catalogue, TextWriter standardOutput)
    {
        var report = Render(format, diagnostics, catalogue);
        if (outputPath is null)
        {
            standardOutput.Write(report);
            return;
        }

        var fullPath = Path.GetFullPath(outputPath, workingDirectory);
        try
        {
            File.WriteAllText(fullPath, report, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write the report to '{outputPath}': {e.Message}", e);
        }
    }

    public string Render(string format, IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> catalogue)
    {
        switch (format)
        {
            case ReportFormat.Json:
                return RenderStream(stream => JsonReport.Write(stream, diagnostics));
            case ReportFormat.Sarif:
                return RenderStream(stream => SarifWriter.Write(stream, diagnostics, catalogue, CliApplication.Version, SourceRoot()));
            case ReportFormat.GitHub:
                var root = SourceRoot();
                return Lines(diagnostics.Select(d => GitHubFormatter.Format(d, root)));
            case ReportFormat.GitLab:
                return RenderStream(stream => GitLabCodeQualityWriter.Write(stream, diagnostics, GitLabRoot()));
            default:
                return Lines(diagnostics.SelectMany(d => TextFormatter.FixLines(d).Prepend(TextFormatter.Format(d))));
        }
    }

    /// <summary>Paths in SARIF and GitHub annotations are relative to the checkout: $GITHUB_WORKSPACE in Actions, else the current directory.</summary>
    private string SourceRoot()
    {
        var workspace = Environment.GetEnvironmentVariable("GITHUB_WORKSPACE");
        return string.IsNullOrEmpty(workspace) ? workingDirectory : workspace;
    }

    /// <summary>GitLab wants paths relative to the project: $CI_PROJECT_DIR in GitLab CI, else the current directory.</summary>
    private string GitLabRoot()
    {
        var project = Environment.GetEnvironmentVariable("CI_PROJECT_DIR");
        return string.IsNullOrEmpty(project) ? workingDirectory : project;
    }

    private static string RenderStream(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static string Lines(IEnumerable<string> lines)
    {
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }
}

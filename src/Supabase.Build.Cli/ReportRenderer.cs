using System.Text;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Reporting;

namespace Supabase.Build.Cli;

/// <summary>Findings in one of the <see cref="ReportFormat"/>s, to standard output or a file: what lint and advise share.</summary>
internal sealed class ReportRenderer(string workingDirectory)
{
    public void Write(string format, string? outputPath, IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> catalogue, TextWriter standardOutput)
    {
        if (outputPath is null && ReferenceEquals(standardOutput, Console.Out) && StreamWriter(format, diagnostics, catalogue) is { } writeTo)
        {
            // The real console and a JSON format: bytes straight to it (a large report is not made a string and back).
            standardOutput.Flush();
            using var stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
            writeTo(stdout);
            return;
        }

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
        if (StreamWriter(format, diagnostics, catalogue) is { } writeTo)
        {
            return RenderStream(writeTo);
        }

        if (format == ReportFormat.GitHub)
        {
            var root = SourceRoot();
            return Lines(diagnostics.Select(d => GitHubFormatter.Format(d, root)));
        }

        return Lines(diagnostics.SelectMany(d => TextFormatter.FixLines(d).Prepend(TextFormatter.Format(d))));
    }

    /// <summary>How a JSON format (json, sarif, gitlab) writes itself to a stream; null for the line formats.</summary>
    private Action<Stream>? StreamWriter(string format, IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> catalogue) => format switch
    {
        ReportFormat.Json => stream => JsonReport.Write(stream, diagnostics),
        ReportFormat.Sarif => stream => SarifWriter.Write(stream, diagnostics, catalogue, CliApplication.Version, SourceRoot()),
        ReportFormat.GitLab => stream => GitLabCodeQualityWriter.Write(stream, diagnostics, GitLabRoot()),
        _ => null,
    };

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

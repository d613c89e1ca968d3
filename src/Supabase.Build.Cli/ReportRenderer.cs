using System.Text;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Reporting;

namespace Supabase.Build.Cli;

/// <summary>Findings in one of the <see cref="ReportFormat"/>s, to standard output or a file: what lint and advise share.</summary>
internal sealed class ReportRenderer(string workingDirectory)
{
    public void Write(string format, string? outputPath, IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> catalogue, TextWriter standardOutput)
    {
        if (outputPath is null)
        {
            Write(format, diagnostics, catalogue, standardOutput);
            return;
        }

        var fullPath = Path.GetFullPath(outputPath, workingDirectory);
        try
        {
            using var file = new StreamWriter(fullPath, append: false, new UTF8Encoding(false));
            Write(format, diagnostics, catalogue, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write the report to '{outputPath}': {e.Message}", e);
        }
    }

    private void Write(string format, IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> catalogue, TextWriter target)
    {
        switch (format)
        {
            case ReportFormat.Json:
                WriteUtf8(target, stream => JsonReport.Write(stream, diagnostics));
                break;
            case ReportFormat.Sarif:
                WriteUtf8(target, stream => SarifWriter.Write(stream, diagnostics, catalogue, CliApplication.Version, SourceRoot()));
                break;
            case ReportFormat.GitHub:
                var root = SourceRoot();
                WriteLines(target, diagnostics.Select(d => GitHubFormatter.Format(d, root)));
                break;
            case ReportFormat.GitLab:
                WriteUtf8(target, stream => GitLabCodeQualityWriter.Write(stream, diagnostics, GitLabRoot()));
                break;
            default:
                WriteLines(target, diagnostics.SelectMany(d => TextFormatter.FixLines(d).Prepend(TextFormatter.Format(d))));
                break;
        }
    }

    /// <summary>
    /// A JSON report is UTF-8 bytes: written straight to the stream under a UTF-8 writer (standard output, a file) as it
    /// is made, so a report of many megabytes is never held whole (nor as a string); any other writer gets the text.
    /// </summary>
    private static void WriteUtf8(TextWriter target, Action<Stream> write)
    {
        if (target is StreamWriter { Encoding: UTF8Encoding, BaseStream.CanWrite: true } writer)
        {
            writer.Flush();
            write(writer.BaseStream);
            return;
        }

        using var buffer = new MemoryStream();
        write(buffer);
        target.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteLines(TextWriter target, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            target.Write(line);
            target.Write('\n');
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
}

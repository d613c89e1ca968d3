using System.Security.Cryptography;
using System.Text;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Reporting;

/// <summary>
/// GitLab's code quality report (the <c>artifacts:reports:codequality</c> JSON GitLab shows in merge requests): an
/// array of <c>{description, check_name, fingerprint, severity, location: {path, lines: {begin, end}}}</c>. Severity
/// maps error to critical, warning to major, info to info. Paths are relative to the base directory (the checkout,
/// <c>$CI_PROJECT_DIR</c>) when under it. The fingerprint is the finding's stable one (GitLab tells new from fixed
/// findings by it), or a hash of rule, file and message for a finding without one.
/// </summary>
public static class GitLabCodeQualityWriter
{
    public static void Write(Stream output, IReadOnlyList<MigrationDiagnostic> diagnostics, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(diagnostics);

        ReportConventions.WriteJson(output, writer =>
        {
            writer.WriteStartArray();
            foreach (var d in diagnostics)
            {
                var path = (baseDirectory is null ? null : ReportConventions.RelativePath(d.FilePath, baseDirectory)) ?? d.FilePath;
                writer.WriteStartObject();
                writer.WriteString("type", "issue");
                writer.WriteString("description", $"{d.Id}: {d.Message}");
                writer.WriteString("check_name", $"{d.Id} {d.Name}");
                writer.WriteString("fingerprint", d.Fingerprint ?? Hash($"{d.Id}\n{path}\n{d.Message}"));
                writer.WriteString("severity", Severity(d.Severity));
                writer.WriteStartArray("categories");
                writer.WriteStringValue(d.Id.StartsWith("SB2", StringComparison.Ordinal) ? "Security" : "Bug Risk");
                writer.WriteEndArray();
                writer.WriteStartObject("location");
                writer.WriteString("path", path);
                writer.WriteStartObject("lines");
                writer.WriteNumber("begin", d.Span.Start.Line);
                writer.WriteNumber("end", Math.Max(d.Span.Start.Line, d.Span.End.Line));
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
                ReportConventions.FlushWhenFull(writer);
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>GitLab's severities: info, minor, major, critical, blocker.</summary>
    public static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "critical",
        DiagnosticSeverity.Warning => "major",
        _ => "info",
    };

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16).ToLowerInvariant();
}

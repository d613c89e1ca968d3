using System.Text;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Reporting;

/// <summary>
/// A GitHub Actions workflow command, which the runner turns into an annotation on the file and line:
/// <c>::error file=supabase/migrations/x.sql,line=2,col=1,endLine=2,endColumn=30,title=SB1003 require-concurrent-index-creation::message</c>.
/// Errors are <c>::error</c>, warnings <c>::warning</c>, info <c>::notice</c>.
/// </summary>
public static class GitHubFormatter
{
    /// <param name="diagnostic">The finding.</param>
    /// <param name="baseDirectory">
    /// The repository root (e.g. <c>$GITHUB_WORKSPACE</c>): files under it are written relative to it, as GitHub
    /// needs to place the annotation on the diff. Null, or a file outside it, keeps the path as it is.
    /// </param>
    public static string Format(MigrationDiagnostic diagnostic, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);

        var command = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "notice",
        };
        var builder = new StringBuilder();
        builder.Append("::").Append(command).Append(' ');

        // A diagnostic whose "file" is not a path (SB0003 names the library) is an annotation on the run, not a file.
        if (Path.IsPathRooted(diagnostic.FilePath))
        {
            var file = (baseDirectory is null ? null : ReportConventions.RelativePath(diagnostic.FilePath, baseDirectory)) ?? diagnostic.FilePath;
            var span = diagnostic.Span;
            builder.Append("file=").Append(EscapeProperty(file))
                .Append(",line=").Append(span.Start.Line)
                .Append(",col=").Append(span.Start.Column)
                .Append(",endLine=").Append(span.End.Line)
                .Append(",endColumn=").Append(span.End.Column)
                .Append(',');
        }

        builder.Append("title=").Append(EscapeProperty($"{diagnostic.Id} {diagnostic.Name}"))
            .Append("::").Append(EscapeData(diagnostic.Message));
        return builder.ToString();
    }

    /// <summary>The message part: %, CR and LF are percent-encoded (the runner decodes them).</summary>
    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>A property value: as data, and ':' and ',' too, which would otherwise end it.</summary>
    public static string EscapeProperty(string value) =>
        EscapeData(value)
            .Replace(":", "%3A", StringComparison.Ordinal)
            .Replace(",", "%2C", StringComparison.Ordinal);
}

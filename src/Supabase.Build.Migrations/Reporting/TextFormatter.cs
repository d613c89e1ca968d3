using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Reporting;

/// <summary>
/// The canonical compiler form MSBuild, VS Code's <c>$msCompile</c> problem matcher and CI log parsers recognise:
/// <c>path(line,col): error SB1003: message</c> (severity word error, warning or info).
/// </summary>
public static class TextFormatter
{
    public static string Format(MigrationDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return $"{diagnostic.FilePath}({diagnostic.Span.Start.Line},{diagnostic.Span.Start.Column}): {ReportConventions.SeverityName(diagnostic.Severity)} {diagnostic.Id}: {diagnostic.Message}";
    }
}

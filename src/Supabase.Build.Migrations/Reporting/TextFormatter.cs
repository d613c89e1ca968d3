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

    /// <summary>
    /// The fix of a diagnostic as indented lines to print under it (empty when it has none): what it does, then each
    /// replacement as <c>line:col-line:col: "text"</c> (or <c>file: append "text"</c> for an edit to another file).
    /// Problem matchers ignore these lines: they do not start with a path and a position.
    /// </summary>
    public static IEnumerable<string> FixLines(MigrationDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (diagnostic.Fix is not { } fix)
        {
            yield break;
        }

        yield return $"    fix: {fix.Description} (supabase-build lint --fix applies it)";
        foreach (var edit in fix.Edits)
        {
            var text = edit.NewText.Replace("\n", "\\n", StringComparison.Ordinal);
            yield return edit.FilePath is not null
                ? $"      {Path.GetFileName(edit.FilePath)}: append \"{text}\""
                : edit.Span.Start == edit.Span.End
                    ? $"      {edit.Span.Start.Line}:{edit.Span.Start.Column}: insert \"{text}\""
                    : $"      {edit.Span.Start.Line}:{edit.Span.Start.Column}-{edit.Span.End.Line}:{edit.Span.End.Column}: replace with \"{text}\"";
        }
    }
}

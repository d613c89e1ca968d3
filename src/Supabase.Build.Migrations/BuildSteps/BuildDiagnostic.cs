using System.Globalization;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.BuildSteps;

/// <summary>
/// A diagnostic as the build log shows it: at its file and start position, or on the project (no position) when it is
/// about something that is not a file (the parser library, a missing folder, a database); the help link is appended to
/// the text as well, since the console logger shows no help link. <see cref="Code"/> and <see cref="HelpLink"/> are empty
/// for the few errors that belong to no rule (an unreadable baseline).
/// </summary>
public sealed record BuildDiagnostic(DiagnosticSeverity Severity, string Code, string HelpLink, string? File, int Line, int Column, string Text)
{
    public static BuildDiagnostic Place(MigrationDiagnostic diagnostic, string? projectFile)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var located = System.IO.File.Exists(diagnostic.FilePath);
        return new BuildDiagnostic(
            diagnostic.Severity,
            diagnostic.Id,
            diagnostic.HelpLink,
            located ? diagnostic.FilePath : projectFile,
            located ? diagnostic.Span.Start.Line : 0,
            located ? diagnostic.Span.Start.Column : 0,
            $"{diagnostic.Message} ({diagnostic.HelpLink})");
    }

    /// <summary>An error that belongs to no rule, at <paramref name="file"/> (no position).</summary>
    public static BuildDiagnostic Error(string? file, string text) => new(DiagnosticSeverity.Error, string.Empty, string.Empty, file, 0, 0, text);

    /// <summary>
    /// The canonical line compilers print and MSBuild's Exec task parses: <c>file(3,1): error SB1003: text (link)</c>,
    /// <c>file : error SB0003: text (link)</c> without a position, <c>error : text</c> without a file; info is written
    /// with the severity word <c>info</c>. A line break in the text (none of the engine's messages has one) becomes a
    /// space, so one diagnostic is always one line.
    /// </summary>
    public string ToCanonicalLine()
    {
        var origin = string.IsNullOrEmpty(File) ? string.Empty
            : Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column}): ")
            : File + " : ";
        var severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        var code = Code.Length > 0 ? " " + Code : string.Empty;
        var text = Text.ReplaceLineEndings(" ");
        return $"{origin}{severity}{code}: {text}";
    }
}

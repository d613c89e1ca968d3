using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Tasks;

/// <summary>
/// The one place a diagnostic becomes a build-log event, so every path (a fresh lint, a report from the cache, the
/// parser missing) prints the same canonical <c>file(line,col): error SB1003: message</c> with its help link.
/// Warnings and errors carry their code, so MSBuild's own <c>MSBuildWarningsAsErrors</c> /
/// <c>MSBuildWarningsAsMessages</c> apply to them as to any compiler warning.
/// </summary>
internal static class DiagnosticLog
{
    /// <summary>
    /// Logs <paramref name="diagnostic"/> at its file and span. A diagnostic about something that is not a file
    /// (the parser library, a missing folder) is placed on <paramref name="projectFile"/> without a line.
    /// </summary>
    public static void Log(TaskLoggingHelper log, MigrationDiagnostic diagnostic, string? projectFile)
    {
        var located = File.Exists(diagnostic.FilePath);
        var file = located ? diagnostic.FilePath : projectFile;
        // Start only, as compilers print it: file(line,col). The help link also goes into the text, since the
        // console logger shows no HelpLink.
        var (line, column) = located ? (diagnostic.Span.Start.Line, diagnostic.Span.Start.Column) : (0, 0);
        var message = $"{diagnostic.Message} ({diagnostic.HelpLink})";

        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                log.LogError(null, diagnostic.Id, null, diagnostic.HelpLink, file, line, column, 0, 0, message);
                break;
            case DiagnosticSeverity.Warning:
                log.LogWarning(null, diagnostic.Id, null, diagnostic.HelpLink, file, line, column, 0, 0, message);
                break;
            default:
                // Info never fails a build and is not a warning (TreatWarningsAsErrors would fail it): a high-importance
                // message with code and place, which the console logger prints as file(line,col): message SB2001: ...
                // (the terminal logger, like the compiler for info diagnostics, leaves it to -v:n and the binary log).
                log.LogMessage(null, diagnostic.Id, null, file, line, column, 0, 0, MessageImportance.High, message);
                break;
        }
    }
}

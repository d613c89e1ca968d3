using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Supabase.Build.Tasks;

/// <summary>
/// The one place a diagnostic becomes a build-log event, whichever way the engine ran: the .NET tasks call it for the
/// diagnostics they get from the engine, <see cref="SupabaseCli"/> for the lines the CLI printed. So every host prints
/// the same canonical <c>file(line,col): error SB1003: message</c>, with the help link on the event. Warnings and errors
/// carry their code, so MSBuild's own <c>MSBuildWarningsAsErrors</c> / <c>MSBuildWarningsAsMessages</c> apply to them as
/// to any compiler warning.
/// </summary>
public static class BuildEventLog
{
    /// <param name="log">The task's log.</param>
    /// <param name="severity"><c>error</c>, <c>warning</c> or <c>info</c>.</param>
    /// <param name="code">The rule id (SB1003), or empty for an error of no rule.</param>
    /// <param name="helpLink">The rule's page, or empty.</param>
    /// <param name="file">Where it is; empty: nowhere (MSBuild then names the task's project).</param>
    /// <param name="line">1-based; 0: the whole file.</param>
    /// <param name="column">1-based; 0 with no line.</param>
    /// <param name="text">The message, help link included (the console logger shows no help link).</param>
    public static void Log(TaskLoggingHelper log, string severity, string? code, string? helpLink, string? file, int line, int column, string text)
    {
        if (log is null)
        {
            throw new System.ArgumentNullException(nameof(log));
        }

        code = string.IsNullOrEmpty(code) ? null : code;
        helpLink = string.IsNullOrEmpty(helpLink) ? null : helpLink;
        file = string.IsNullOrEmpty(file) ? null : file;
        switch (severity)
        {
            case "error":
                log.LogError(null, code, null, helpLink, file, line, column, 0, 0, text);
                break;
            case "warning":
                log.LogWarning(null, code, null, helpLink, file, line, column, 0, 0, text);
                break;
            default:
                // Info never fails a build and is not a warning (TreatWarningsAsErrors would fail it): a high-importance
                // message with code and place, which the console logger prints as file(line,col): message SB2001: ...
                // (the terminal logger, like the compiler for info diagnostics, leaves it to -v:n and the binary log).
                log.LogMessage(null, code, null, file, line, column, 0, 0, MessageImportance.High, text);
                break;
        }
    }
}

using Microsoft.Build.Framework;

namespace Supabase.Build.EndToEnd.Tests;

/// <summary>
/// A logger a test build loads (<c>-logger:DiagnosticEventLogger,&lt;this assembly&gt;;&lt;file&gt;</c>) to write down the
/// SBxxxx events as MSBuild received them, with what the console leaves out: the help link and the message importance.
/// One line each: <c>kind code file(line,col) help-link-or-importance: message</c>.
/// </summary>
public sealed class DiagnosticEventLogger : ILogger, IDisposable
{
    private StreamWriter? _output;

    public LoggerVerbosity Verbosity { get; set; }

    public string? Parameters { get; set; }

    public static string Argument(string file) => $"-logger:{nameof(DiagnosticEventLogger)},{typeof(DiagnosticEventLogger).Assembly.Location};{file}";

    public void Initialize(IEventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        _output = new StreamWriter(Parameters ?? throw new InvalidOperationException("the output file is the logger's parameter"));
        eventSource.ErrorRaised += (_, e) => Write("error", e.Code, e.File, e.LineNumber, e.ColumnNumber, e.HelpLink, e.Message);
        eventSource.WarningRaised += (_, e) => Write("warning", e.Code, e.File, e.LineNumber, e.ColumnNumber, e.HelpLink, e.Message);
        eventSource.MessageRaised += (_, e) => Write("message", e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Importance.ToString(), e.Message);
    }

    public void Shutdown() => Dispose();

    public void Dispose() => _output?.Dispose();

    private void Write(string kind, string? code, string? file, int line, int column, string? detail, string? message)
    {
        if (code is not null && code.StartsWith("SB", StringComparison.Ordinal))
        {
            lock (this)
            {
                _output!.WriteLine($"{kind} {code} {file}({line},{column}) {detail}: {message}");
            }
        }
    }
}

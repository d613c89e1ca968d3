using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Supabase.Build.Migrations.Push;

namespace Supabase.Build.Tasks;

/// <summary>
/// A push's progress in the build log: findings as canonical diagnostics, the per-migration lines and the summary as
/// high-importance messages (shown at the default verbosity), details and server notices lower. Events arrive in
/// order on the pushing thread while <c>Execute</c> waits, which MSBuild allows.
/// </summary>
internal sealed class PushLog(TaskLoggingHelper log, string? projectFile) : IProgress<PushEvent>
{
    public void Report(PushEvent value)
    {
        switch (value.Kind)
        {
            case PushEventKind.Diagnostic when value.Diagnostic is not null:
                DiagnosticLog.Log(log, value.Diagnostic, projectFile);
                break;
            case PushEventKind.Detail:
                log.LogMessage(MessageImportance.Normal, "Supabase.Build: " + value.Message);
                break;
            case PushEventKind.ServerNotice:
                log.LogMessage(MessageImportance.Normal, "Supabase.Build: " + value.Message);
                break;
            default:
                log.LogMessage(MessageImportance.High, "Supabase.Build: " + value.Message);
                break;
        }
    }
}

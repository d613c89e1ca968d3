using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Supabase.Build.Migrations.BuildSteps;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Tasks;

/// <summary>A build step's log as the task's log: diagnostics through <see cref="BuildEventLog"/>, the one mapping the CLI's relay shares.</summary>
internal sealed class TaskBuildLog(TaskLoggingHelper log) : IBuildLog
{
    public bool HasLoggedErrors => log.HasLoggedErrors;

    public void Diagnostic(BuildDiagnostic diagnostic) => BuildEventLog.Log(
        log,
        diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        },
        diagnostic.Code,
        diagnostic.HelpLink,
        diagnostic.File,
        diagnostic.Line,
        diagnostic.Column,
        diagnostic.Text);

    public void Message(BuildMessageImportance importance, string text) => log.LogMessage(
        importance switch
        {
            BuildMessageImportance.High => MessageImportance.High,
            BuildMessageImportance.Normal => MessageImportance.Normal,
            _ => MessageImportance.Low,
        },
        text);
}

/// <summary>The file paths of the migration items the build globbed.</summary>
internal static class TaskItems
{
    public static string[] Paths(IEnumerable<ITaskItem> items) => items.Select(i => i.GetMetadata("FullPath")).ToArray();
}

using Microsoft.Build.Framework;
using Supabase.Build.Migrations.BuildSteps;

namespace Supabase.Build.Tasks;

/// <summary>
/// Logs the diagnostics stored by <see cref="SupabaseLintMigrations"/>. It runs on every build, after the lint or
/// instead of it when the lint was up to date, so a no-op build shows the same warnings and fails on the same errors
/// without parsing anything. Fails when any error was logged (including warnings MSBuild promoted).
/// </summary>
public sealed class SupabaseReportLintResults : Microsoft.Build.Utilities.Task
{
    [Required]
    public string ResultsFile { get; set; } = string.Empty;

    /// <summary>Where diagnostics without a file of their own are placed in the log (the project file).</summary>
    public string? ProjectFile { get; set; }

    public override bool Execute() => LintStep.Report(ResultsFile, ProjectFile, new TaskBuildLog(Log)) && !Log.HasLoggedErrors;
}

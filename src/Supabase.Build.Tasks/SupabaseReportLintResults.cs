using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Reporting;
using Supabase.Build.Migrations.Rules;
using Microsoft.Build.Framework;

namespace Supabase.Build.Tasks;

/// <summary>
/// Logs the diagnostics stored by <see cref="SupabaseLintMigrations"/>. It runs on every build, after the lint or
/// instead of it when the lint was up to date, so a no-op build shows the same warnings and fails on the same
/// errors without parsing anything. Fails when any error was logged (including warnings MSBuild promoted).
/// </summary>
public sealed class SupabaseReportLintResults : Microsoft.Build.Utilities.Task
{
    [Required]
    public string ResultsFile { get; set; } = string.Empty;

    /// <summary>Where diagnostics without a file of their own are placed in the log (the project file).</summary>
    public string? ProjectFile { get; set; }

    public override bool Execute()
    {
        IReadOnlyList<MigrationDiagnostic> diagnostics;
        try
        {
            using var stream = File.OpenRead(ResultsFile);
            diagnostics = JsonReport.Read(stream, RuleRegistry.Catalogue);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // A damaged cache is not the user's problem: drop it so the next build lints afresh.
            SupabaseLintMigrations.DeleteIfPresent(ResultsFile);
            Log.LogError($"Supabase.Build: could not read the lint results '{ResultsFile}' ({e.Message}); they were removed, build again to lint afresh");
            return false;
        }

        foreach (var diagnostic in diagnostics)
        {
            DiagnosticLog.Log(Log, diagnostic, ProjectFile);
        }

        return !Log.HasLoggedErrors;
    }
}

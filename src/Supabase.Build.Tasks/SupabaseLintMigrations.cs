using System.Reflection;
using Microsoft.Build.Framework;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Reporting;

namespace Supabase.Build.Tasks;

/// <summary>
/// Lints the migrations and stores the outcome: <see cref="ResultsFile"/> (the cache that
/// <see cref="SupabaseReportLintResults"/> logs from, on this build and on every up-to-date build after it) and,
/// when asked, a SARIF <see cref="ErrorLog"/>. It logs no findings itself, so they are logged exactly once per build
/// whether the lint ran or was skipped as up to date. Only a missing parser (SB0003) or an unwritable output
/// fails this task; then no cache is left behind, so the next build lints again.
/// </summary>
public sealed class SupabaseLintMigrations : Microsoft.Build.Utilities.Task
{
    /// <summary>The folder that holds <c>&lt;version&gt;_&lt;name&gt;.sql</c>; missing gives SB0007.</summary>
    [Required]
    public string MigrationsDirectory { get; set; } = string.Empty;

    /// <summary>The migration files (by default every <c>*.sql</c> directly in the folder).</summary>
    public ITaskItem[] MigrationFiles { get; set; } = [];

    public string? NoWarn { get; set; }

    public string? WarningsAsErrors { get; set; }

    public string? WarningsNotAsErrors { get; set; }

    public bool TreatWarningsAsErrors { get; set; }

    /// <summary>An explicit libpg_query file (SupabasePgQueryLibrary); empty: bundled, then SUPABASE_PGQUERY_LIBRARY, then the system.</summary>
    public string? ParserLibrary { get; set; }

    /// <summary>Where to write SARIF 2.1.0 (SupabaseLintErrorLog); empty: none.</summary>
    public string? ErrorLog { get; set; }

    /// <summary>Accepted findings not to report (supabase/lint-baseline.json); used when the file exists.</summary>
    public string? BaselineFile { get; set; }

    /// <summary>SupabaseLintSince: the SB1xxx rules skip migrations with an older version.</summary>
    public string? Since { get; set; }

    /// <summary>SupabaseLintInclude: opt-in rules to run as well.</summary>
    public string? Include { get; set; }

    /// <summary>SupabaseApiSchemas: the schemas the API exposes, for the SB2xxx rules (';'-separated); empty: supabase/config.toml.</summary>
    public string? ApiSchemas { get; set; }

    /// <summary>SupabasePostgresVersion: the PostgreSQL major version the migrations run on; empty: supabase/config.toml, else 17.</summary>
    public string? PostgresVersion { get; set; }

    /// <summary>Where to write the diagnostics as JSON, for <see cref="SupabaseReportLintResults"/>.</summary>
    [Required]
    public string ResultsFile { get; set; } = string.Empty;

    /// <summary>Where diagnostics without a file of their own are placed in the log (the project file).</summary>
    public string? ProjectFile { get; set; }

    public override bool Execute()
    {
        var linter = MigrationLinter.TryCreate(string.IsNullOrWhiteSpace(ParserLibrary) ? null : ParserLibrary, out var parserNotFound);
        if (linter is null)
        {
            DeleteIfPresent(ResultsFile);
            DiagnosticLog.Log(Log, parserNotFound!, ProjectFile);
            return false;
        }

        if (!LintTaskOptions.TryPostgresVersion(PostgresVersion, Log, ProjectFile, out var postgres))
        {
            DeleteIfPresent(ResultsFile);
            return false;
        }

        var set = TaskMigrations.From(MigrationsDirectory, MigrationFiles);
        var policy = new SeverityPolicy(NoWarn, WarningsAsErrors, WarningsNotAsErrors, TreatWarningsAsErrors);
        LintBaseline? baseline = null;
        if (!string.IsNullOrWhiteSpace(BaselineFile) && File.Exists(BaselineFile))
        {
            try
            {
                baseline = LintBaseline.Load(BaselineFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                DeleteIfPresent(ResultsFile);
                Log.LogError(null, null, null, BaselineFile, 0, 0, 0, 0, $"Supabase.Build: the lint baseline could not be read ({e.Message}); fix it or regenerate it with dotnet msbuild -t:SupabaseLintBaseline");
                return false;
            }
        }

        var result = linter.Lint(set, LintTaskOptions.From(policy.DisabledRules, Include, Since, ApiSchemas, postgres) with { Baseline = baseline });
        var diagnostics = result.Diagnostics.Select(policy.Apply).ToList();

        try
        {
            WriteReplacing(ResultsFile, stream => JsonReport.Write(stream, diagnostics));
            if (!string.IsNullOrWhiteSpace(ErrorLog))
            {
                WriteReplacing(ErrorLog, stream => SarifWriter.Write(stream, diagnostics, linter.Descriptors, ToolVersion));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteIfPresent(ResultsFile);
            Log.LogError($"Supabase.Build: could not write the lint results: {e.Message}");
            return false;
        }

        Log.LogMessage(
            MessageImportance.Normal,
            $"Supabase.Build: linted {result.FileCount} migration file(s), {result.StatementCount} statement(s) in '{set.Directory}': " +
            $"{diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} error(s), {diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning)} warning(s)"
            + (result.BaselinedCount > 0 ? $", {result.BaselinedCount} more in the baseline" : string.Empty));
        return true;
    }

    internal static string ToolVersion =>
        typeof(SupabaseLintMigrations).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    internal static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes beside the target and moves into place, so a cancelled build never leaves half a file.</summary>
    private static void WriteReplacing(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        using (var stream = File.Create(temporary))
        {
            write(stream);
        }

        File.Move(temporary, full, overwrite: true);
    }
}

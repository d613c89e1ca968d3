using Microsoft.Build.Framework;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Linting;

namespace Supabase.Build.Tasks;

/// <summary>
/// <c>dotnet msbuild -t:SupabaseLintBaseline</c>: lints the migrations (NoWarn, SupabaseLintInclude and
/// SupabaseLintSince and SupabasePostgresVersion apply; no baseline) and writes every finding, by stable fingerprint, and every migration file to
/// <see cref="BaselineFile"/>. Builds after it report only findings that are not in it.
/// </summary>
public sealed class SupabaseWriteLintBaseline : Microsoft.Build.Utilities.Task
{
    [Required]
    public string MigrationsDirectory { get; set; } = string.Empty;

    public ITaskItem[] MigrationFiles { get; set; } = [];

    public string? NoWarn { get; set; }

    public string? ParserLibrary { get; set; }

    public string? Since { get; set; }

    public string? Include { get; set; }

    /// <summary>SupabaseApiSchemas: the schemas the API exposes, for the SB2xxx rules (';'-separated); empty: supabase/config.toml.</summary>
    public string? ApiSchemas { get; set; }

    /// <summary>SupabasePostgresVersion: the PostgreSQL major version the migrations run on; empty: supabase/config.toml, else 17.</summary>
    public string? PostgresVersion { get; set; }

    [Required]
    public string BaselineFile { get; set; } = string.Empty;

    public string? ProjectFile { get; set; }

    public override bool Execute()
    {
        var linter = MigrationLinter.TryCreate(string.IsNullOrWhiteSpace(ParserLibrary) ? null : ParserLibrary, out var parserNotFound);
        if (linter is null)
        {
            DiagnosticLog.Log(Log, parserNotFound!, ProjectFile);
            return false;
        }

        if (!LintTaskOptions.TryPostgresVersion(PostgresVersion, Log, ProjectFile, out var postgres))
        {
            return false;
        }

        var set = TaskMigrations.From(MigrationsDirectory, MigrationFiles);
        var result = linter.Lint(set, LintTaskOptions.From(SeverityPolicy.Split(NoWarn), Include, Since, ApiSchemas, postgres));
        var baseline = LintBaseline.From(result.Diagnostics, set.Files.Select(f => f.Path));
        try
        {
            baseline.Save(BaselineFile, SupabaseLintMigrations.ToolVersion);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogError($"Supabase.Build: could not write the lint baseline '{BaselineFile}': {e.Message}");
            return false;
        }

        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        Log.LogMessage(
            MessageImportance.High,
            $"Supabase.Build: wrote {baseline.Findings.Count} finding(s) ({errors} error(s)) of {set.Files.Count} migration file(s) to {BaselineFile}; builds now report only findings that are not in it");
        return true;
    }
}

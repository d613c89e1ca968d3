using System.Reflection;
using Microsoft.Build.Framework;
using Supabase.Build.Migrations.BuildSteps;

namespace Supabase.Build.Tasks;

/// <summary>
/// Lints the migrations and stores the outcome in <see cref="ResultsFile"/> (the cache that
/// <see cref="SupabaseReportLintResults"/> logs from, on this build and on every up-to-date build after it) and, when
/// asked, a SARIF <see cref="ErrorLog"/>. It logs no findings itself. The work is <see cref="LintStep.Lint"/>, which the
/// CLI's <c>msbuild lint</c> runs when the build runs out of process.
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

    public override bool Execute() => LintStep.Lint(
        new LintRequest
        {
            MigrationsDirectory = MigrationsDirectory,
            MigrationFiles = TaskItems.Paths(MigrationFiles),
            NoWarn = NoWarn,
            WarningsAsErrors = WarningsAsErrors,
            WarningsNotAsErrors = WarningsNotAsErrors,
            TreatWarningsAsErrors = TreatWarningsAsErrors,
            ParserLibrary = ParserLibrary,
            ErrorLog = ErrorLog,
            BaselineFile = BaselineFile,
            Since = Since,
            Include = Include,
            ApiSchemas = ApiSchemas,
            PostgresVersion = PostgresVersion,
            ResultsFile = ResultsFile,
            ProjectFile = ProjectFile,
            ToolVersion = ToolVersion,
        },
        new TaskBuildLog(Log));

    internal static string ToolVersion =>
        typeof(SupabaseLintMigrations).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}

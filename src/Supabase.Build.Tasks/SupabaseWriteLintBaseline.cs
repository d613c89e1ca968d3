using Microsoft.Build.Framework;
using Supabase.Build.Migrations.BuildSteps;

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

    public override bool Execute() => LintStep.WriteBaseline(
        new LintRequest
        {
            MigrationsDirectory = MigrationsDirectory,
            MigrationFiles = TaskItems.Paths(MigrationFiles),
            NoWarn = NoWarn,
            ParserLibrary = ParserLibrary,
            Since = Since,
            Include = Include,
            ApiSchemas = ApiSchemas,
            PostgresVersion = PostgresVersion,
            BaselineFile = BaselineFile,
            ResultsFile = string.Empty,
            ProjectFile = ProjectFile,
            ToolVersion = SupabaseLintMigrations.ToolVersion,
        },
        new TaskBuildLog(Log));
}

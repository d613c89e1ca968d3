using Microsoft.Build.Framework;
using Supabase.Build.Migrations.BuildSteps;

namespace Supabase.Build.Tasks;

/// <summary>
/// Writes the C# models of the schema: from the migrations (replayed offline: what every build does when
/// SupabaseGenerateModels is true) or from a live database (SupabaseModelsSource=database, on request). The file is
/// only rewritten when its content changes, so an unchanged schema never makes the compiler run again; the
/// <see cref="StampFile"/> is touched on every run for MSBuild's up-to-date check. The work is
/// <see cref="ModelsStep.Generate"/>, which the CLI's <c>gen</c> runs when the build runs out of process.
/// </summary>
public sealed class SupabaseGenerateModels : Microsoft.Build.Utilities.Task
{
    /// <summary><c>migrations</c> (default) or <c>database</c>.</summary>
    public string? Source { get; set; }

    /// <summary>The migrations folder; empty when none was found (then only the database source works).</summary>
    public string? MigrationsDirectory { get; set; }

    public ITaskItem[] MigrationFiles { get; set; } = [];

    /// <summary>supabase/config.toml; empty: the one beside the migrations folder, if any.</summary>
    public string? ConfigFile { get; set; }

    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>Touched on every run (the target's Outputs), while <see cref="OutputFile"/> changes only with its content.</summary>
    public string? StampFile { get; set; }

    [Required]
    public string Namespace { get; set; } = string.Empty;

    /// <summary>Schemas (separated by ; or ,); empty: [api] schemas of config.toml, else public.</summary>
    public string? Schemas { get; set; }

    /// <summary><c>string</c> (default) or <c>JsonDocument</c>.</summary>
    public string? JsonType { get; set; }

    /// <summary>Emit Npgsql's [PgName] attributes, Npgsql types and the MapSupabaseTypes() helper.</summary>
    public bool NpgsqlAttributes { get; set; }

    /// <summary>SupabaseDbUrl, for the database source; empty: SUPABASE_DB_URL, else the local default.</summary>
    public string? DatabaseUrl { get; set; }

    public string? ParserLibrary { get; set; }

    public string? ProjectFile { get; set; }

    /// <summary>Ids or names (SB0004, view-column-type-not-derivable) whose infos are not logged.</summary>
    public string? NoWarn { get; set; }

    [Output]
    public string GeneratedFile { get; private set; } = string.Empty;

    public override bool Execute()
    {
        var generated = ModelsStep.Generate(
            new ModelsRequest
            {
                Source = Source,
                MigrationsDirectory = MigrationsDirectory,
                MigrationFiles = TaskItems.Paths(MigrationFiles),
                ConfigFile = ConfigFile,
                OutputFile = OutputFile,
                StampFile = StampFile,
                Namespace = Namespace,
                Schemas = Schemas,
                JsonType = JsonType,
                NpgsqlAttributes = NpgsqlAttributes,
                DatabaseUrl = DatabaseUrl,
                ParserLibrary = ParserLibrary,
                ProjectFile = ProjectFile,
                NoWarn = NoWarn,
            },
            new TaskBuildLog(Log));
        GeneratedFile = generated ?? string.Empty;
        return generated is not null && !Log.HasLoggedErrors;
    }
}

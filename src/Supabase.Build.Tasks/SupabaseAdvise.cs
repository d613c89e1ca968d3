using Microsoft.Build.Framework;
using Supabase.Build.Migrations.BuildSteps;

namespace Supabase.Build.Tasks;

/// <summary>
/// <c>dotnet msbuild -t:SupabaseAdvise</c>: the schema rules (SB2xxx) on a live database, each finding at the local
/// migration that made the object (else on the project, naming the object). Reads only.
/// </summary>
public sealed class SupabaseAdvise : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly TaskCancellation _cancellation = new();

    public string? MigrationsDirectory { get; set; }

    public ITaskItem[] MigrationFiles { get; set; } = [];

    public string? DatabaseUrl { get; set; }

    /// <summary>The schemas the API exposes (';'-separated); empty: supabase/config.toml, else public.</summary>
    public string? Schemas { get; set; }

    public string? NoWarn { get; set; }

    public string? WarningsAsErrors { get; set; }

    public string? WarningsNotAsErrors { get; set; }

    public bool TreatWarningsAsErrors { get; set; }

    public string? ParserLibrary { get; set; }

    public string? ProjectFile { get; set; }

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute() => _cancellation.Run(token => PushSteps.Advise(
        new DatabaseRequest
        {
            MigrationsDirectory = MigrationsDirectory,
            MigrationFiles = TaskItems.Paths(MigrationFiles),
            DatabaseUrl = DatabaseUrl,
            Schemas = Schemas,
            NoWarn = NoWarn,
            WarningsAsErrors = WarningsAsErrors,
            WarningsNotAsErrors = WarningsNotAsErrors,
            TreatWarningsAsErrors = TreatWarningsAsErrors,
            ParserLibrary = ParserLibrary,
            ProjectFile = ProjectFile,
        },
        new TaskBuildLog(Log),
        token)) && !Log.HasLoggedErrors;
}

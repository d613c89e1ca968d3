using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Supabase.Build.Migrations.BuildSteps;

namespace Supabase.Build.Tasks;

/// <summary>
/// <c>dotnet msbuild -t:SupabasePush</c>: applies the pending migrations to the database (SupabaseDbUrl, else
/// SUPABASE_DB_URL, else the Supabase CLI's local database), recording them in supabase_migrations.schema_migrations.
/// A thin adapter: <see cref="PushSteps.Push"/> does the work (the CLI's <c>push</c> runs the same when the build runs out
/// of process); this maps properties in and the applied migrations out.
/// Ctrl+C cancels the statement running on the server and rolls its migration back.
/// </summary>
public sealed class SupabasePush : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly TaskCancellation _cancellation = new();

    /// <summary>The folder of <c>&lt;version&gt;_&lt;name&gt;.sql</c> files; empty: none was found (an error).</summary>
    public string? MigrationsDirectory { get; set; }

    /// <summary>The migration files (by default every <c>*.sql</c> directly in the folder).</summary>
    public ITaskItem[] MigrationFiles { get; set; } = [];

    /// <summary>SupabaseDbUrl: a postgresql:// URL or an Npgsql connection string; empty: SUPABASE_DB_URL, else the local default.</summary>
    public string? DatabaseUrl { get; set; }

    public bool SkipLint { get; set; }

    /// <summary>SupabasePostgresVersion, for the push's lint; empty: supabase/config.toml, else 17.</summary>
    public string? PostgresVersion { get; set; }

    public string? LockWaitSeconds { get; set; }

    public string? LockTimeout { get; set; }

    public string? StatementTimeout { get; set; }

    public bool IncludeAll { get; set; }

    public bool DryRun { get; set; }

    public bool IncludeSeed { get; set; }

    /// <summary>SupabaseSeedFile; empty: supabase/seed.sql beside the migrations folder, when present.</summary>
    public string? SeedFile { get; set; }

    public string? NoWarn { get; set; }

    public string? WarningsAsErrors { get; set; }

    public string? WarningsNotAsErrors { get; set; }

    public bool TreatWarningsAsErrors { get; set; }

    public string? ParserLibrary { get; set; }

    /// <summary>Where diagnostics without a file of their own are placed in the log (the project file).</summary>
    public string? ProjectFile { get; set; }

    /// <summary>The migrations applied (FullPath items with Version and Statements metadata); empty for a dry run.</summary>
    [Output]
    public ITaskItem[] AppliedMigrations { get; private set; } = [];

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        var result = _cancellation.Run(token => PushSteps.Push(
            new DatabaseRequest
            {
                MigrationsDirectory = MigrationsDirectory,
                MigrationFiles = TaskItems.Paths(MigrationFiles),
                DatabaseUrl = DatabaseUrl,
                SkipLint = SkipLint,
                PostgresVersion = PostgresVersion,
                LockWaitSeconds = LockWaitSeconds,
                LockTimeout = LockTimeout,
                StatementTimeout = StatementTimeout,
                IncludeAll = IncludeAll,
                DryRun = DryRun,
                IncludeSeed = IncludeSeed,
                SeedFile = SeedFile,
                NoWarn = NoWarn,
                WarningsAsErrors = WarningsAsErrors,
                WarningsNotAsErrors = WarningsNotAsErrors,
                TreatWarningsAsErrors = TreatWarningsAsErrors,
                ParserLibrary = ParserLibrary,
                ProjectFile = ProjectFile,
            },
            new TaskBuildLog(Log),
            token));
        AppliedMigrations = (result?.Applied ?? [])
            .Where(a => a.Version.Length > 0)
            .Select(a => (ITaskItem)new TaskItem(a.Path, new Dictionary<string, string>
            {
                ["Version"] = a.Version,
                ["Statements"] = a.Statements.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }))
            .ToArray();
        return result is not null && !Log.HasLoggedErrors;
    }
}

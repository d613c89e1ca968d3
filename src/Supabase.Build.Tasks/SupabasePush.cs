using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Push;

namespace Supabase.Build.Tasks;

/// <summary>
/// <c>dotnet msbuild -t:SupabasePush</c>: applies the pending migrations to the database (SupabaseDbUrl, else
/// SUPABASE_DB_URL, else the Supabase CLI's local database), recording them in supabase_migrations.schema_migrations.
/// A thin adapter: the engine's <see cref="MigrationPusher"/> does the work; this maps properties in and events out.
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
        var log = new PushLog(Log, ProjectFile);
        var location = ProjectFile ?? "SupabasePush";
        if (string.IsNullOrWhiteSpace(MigrationsDirectory))
        {
            Log.LogError(
                null, PushDiagnostics.InvalidSetting.Id, null, PushDiagnostics.InvalidSetting.HelpLink, ProjectFile, 0, 0, 0, 0,
                $"no supabase/migrations folder at or above the project; set SupabaseMigrationsDirectory to the folder of <version>_<name>.sql files ({PushDiagnostics.InvalidSetting.HelpLink})");
            return false;
        }

        var errors = new List<MigrationDiagnostic>();
        var target = PushSettings.TryTarget(DatabaseUrl, "SupabaseDbUrl", location, errors);
        PushSettings.TrySeconds("SupabasePushLockWaitSeconds", LockWaitSeconds, PushOptions.DefaultLockWait, location, errors, out var lockWait);
        PushSettings.TryDuration("SupabasePushLockTimeout", LockTimeout, location, errors, out var lockTimeout);
        PushSettings.TryDuration("SupabasePushStatementTimeout", StatementTimeout, location, errors, out var statementTimeout);
        var pusher = MigrationPusher.TryCreate(string.IsNullOrWhiteSpace(ParserLibrary) ? null : ParserLibrary, out var parserNotFound);
        if (parserNotFound is not null)
        {
            errors.Add(parserNotFound);
        }

        if (errors.Count > 0 || target is null || pusher is null)
        {
            errors.ForEach(e => DiagnosticLog.Log(Log, e, ProjectFile));
            return false;
        }

        var set = TaskMigrations.From(MigrationsDirectory, MigrationFiles);
        var policy = new SeverityPolicy(NoWarn, WarningsAsErrors, WarningsNotAsErrors, TreatWarningsAsErrors);
        var options = new PushOptions
        {
            Target = target,
            Lint = !SkipLint,
            DisabledRules = policy.DisabledRules,
            DiagnosticPolicy = policy.Apply,
            LockWait = lockWait,
            LockTimeout = lockTimeout,
            StatementTimeout = statementTimeout,
            IncludeAll = IncludeAll,
            DryRun = DryRun,
            SeedFiles = PushSettings.SeedFiles(IncludeSeed, SeedFile, set.Directory!),
        };
        if (IncludeSeed && options.SeedFiles.Count == 0)
        {
            Log.LogMessage(MessageImportance.Normal, "Supabase.Build: no supabase/seed.sql beside the migrations folder; nothing to seed");
        }

        try
        {
            var result = _cancellation.Run(token => pusher.PushAsync(set, options, log, token));
            AppliedMigrations = result.Applied
                .Where(a => a.Version.Length > 0)
                .Select(a => (ITaskItem)new TaskItem(a.Path, new Dictionary<string, string>
                {
                    ["Version"] = a.Version,
                    ["Statements"] = a.Statements.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }))
                .ToArray();
            return result.Succeeded && !Log.HasLoggedErrors;
        }
        catch (OperationCanceledException)
        {
            Log.LogWarning("Supabase.Build: push cancelled");
            return false;
        }
    }
}

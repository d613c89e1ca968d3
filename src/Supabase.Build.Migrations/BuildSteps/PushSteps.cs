using Supabase.Build.Migrations.Advising;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Push;
using Supabase.Build.PgQuery;
using MigrationFileCreator = Supabase.Build.Migrations.Push.NewMigration;

namespace Supabase.Build.Migrations.BuildSteps;

/// <summary>
/// The database targets' settings as the build has them (MSBuild property strings): the SupabasePush,
/// SupabaseMigrationStatus and SupabaseAdvise tasks' parameters. The CLI's push, status and advise map their options to
/// the same record when a build runs them out of process, so both accept and refuse the same values with the same words.
/// </summary>
public sealed record DatabaseRequest
{
    /// <summary>The folder of <c>&lt;version&gt;_&lt;name&gt;.sql</c> files; empty: none was found.</summary>
    public string? MigrationsDirectory { get; init; }

    public IReadOnlyList<string> MigrationFiles { get; init; } = Array.Empty<string>();

    /// <summary>SupabaseDbUrl: a postgresql:// URL or an Npgsql connection string; empty: SUPABASE_DB_URL, else the local default.</summary>
    public string? DatabaseUrl { get; init; }

    public bool SkipLint { get; init; }

    /// <summary>SupabasePostgresVersion, for the push's lint; empty: supabase/config.toml, else 17.</summary>
    public string? PostgresVersion { get; init; }

    public string? LockWaitSeconds { get; init; }

    public string? LockTimeout { get; init; }

    public string? StatementTimeout { get; init; }

    public bool IncludeAll { get; init; }

    public bool DryRun { get; init; }

    public bool IncludeSeed { get; init; }

    /// <summary>SupabaseSeedFile; empty: supabase/seed.sql beside the migrations folder, when present.</summary>
    public string? SeedFile { get; init; }

    /// <summary>SupabaseApiSchemas, for advise (';'-separated); empty: supabase/config.toml, else public.</summary>
    public string? Schemas { get; init; }

    public string? NoWarn { get; init; }

    public string? WarningsAsErrors { get; init; }

    public string? WarningsNotAsErrors { get; init; }

    public bool TreatWarningsAsErrors { get; init; }

    public string? ParserLibrary { get; init; }

    /// <summary>Where diagnostics without a file of their own are placed (the project file).</summary>
    public string? ProjectFile { get; init; }
}

/// <summary>
/// The build's database targets (<c>-t:SupabasePush</c>, <c>-t:SupabaseMigrationStatus</c>, <c>-t:SupabaseAdvise</c>,
/// <c>-t:SupabaseNewMigration</c>): settings read and refused as SB0504, the engine run, its events logged. The MSBuild
/// tasks and the CLI (when a build runs it out of process) both call these.
/// </summary>
public static class PushSteps
{
    private const string DatabaseUrlName = "SupabaseDbUrl";

    /// <summary>Applies the pending migrations; null when the push did not succeed (the reasons are logged).</summary>
    public static PushResult? Push(DatabaseRequest request, IBuildLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var location = request.ProjectFile ?? "SupabasePush";
        if (string.IsNullOrWhiteSpace(request.MigrationsDirectory))
        {
            log.Diagnostic(new BuildDiagnostic(
                DiagnosticSeverity.Error, PushDiagnostics.InvalidSetting.Id, PushDiagnostics.InvalidSetting.HelpLink, request.ProjectFile, 0, 0,
                $"no supabase/migrations folder at or above the project; set SupabaseMigrationsDirectory to the folder of <version>_<name>.sql files ({PushDiagnostics.InvalidSetting.HelpLink})"));
            return null;
        }

        var errors = new List<MigrationDiagnostic>();
        var target = PushSettings.TryTarget(request.DatabaseUrl, DatabaseUrlName, location, errors);
        PushSettings.TrySeconds("SupabasePushLockWaitSeconds", request.LockWaitSeconds, PushOptions.DefaultLockWait, location, errors, out var lockWait);
        PushSettings.TryDuration("SupabasePushLockTimeout", request.LockTimeout, location, errors, out var lockTimeout);
        PushSettings.TryDuration("SupabasePushStatementTimeout", request.StatementTimeout, location, errors, out var statementTimeout);
        var pusher = Pusher(request, errors);
        if (Failed(errors, request, log) || target is null || pusher is null)
        {
            return null;
        }

        if (!LintStep.TryPostgresVersion(request.PostgresVersion, request.ProjectFile, log, out var postgres))
        {
            return null;
        }

        var set = LintStep.Migrations(request.MigrationsDirectory, request.MigrationFiles);
        var policy = new SeverityPolicy(request.NoWarn, request.WarningsAsErrors, request.WarningsNotAsErrors, request.TreatWarningsAsErrors);
        var options = new PushOptions
        {
            Target = target,
            Lint = !request.SkipLint,
            DisabledRules = policy.DisabledRules,
            PostgresVersion = postgres,
            DiagnosticPolicy = policy.Apply,
            LockWait = lockWait,
            LockTimeout = lockTimeout,
            StatementTimeout = statementTimeout,
            IncludeAll = request.IncludeAll,
            DryRun = request.DryRun,
            SeedFiles = PushSettings.SeedFiles(request.IncludeSeed, request.SeedFile, set.Directory!),
        };
        if (request.IncludeSeed && options.SeedFiles.Count == 0)
        {
            log.Message(BuildMessageImportance.Normal, "Supabase.Build: no supabase/seed.sql beside the migrations folder; nothing to seed");
        }

        try
        {
            var result = pusher.PushAsync(set, options, new BuildPushProgress(log, request.ProjectFile), cancellationToken).GetAwaiter().GetResult();
            return result.Succeeded && !log.HasLoggedErrors ? result : null;
        }
        catch (OperationCanceledException)
        {
            log.Diagnostic(new BuildDiagnostic(DiagnosticSeverity.Warning, string.Empty, string.Empty, request.ProjectFile, 0, 0, "Supabase.Build: push cancelled"));
            return null;
        }
    }

    /// <summary>Local and applied migrations side by side, as a table at high importance; null when the database could not be read.</summary>
    public static MigrationStatusResult? Status(DatabaseRequest request, IBuildLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var errors = new List<MigrationDiagnostic>();
        var target = PushSettings.TryTarget(request.DatabaseUrl, DatabaseUrlName, request.ProjectFile ?? "SupabaseMigrationStatus", errors);
        var pusher = Pusher(request, errors);
        if (Failed(errors, request, log) || target is null || pusher is null)
        {
            return null;
        }

        MigrationSet set;
        if (string.IsNullOrWhiteSpace(request.MigrationsDirectory))
        {
            log.Message(BuildMessageImportance.High, "Supabase.Build: no supabase/migrations folder at or above the project; showing what the database has applied");
            set = new MigrationSet(null, Array.Empty<MigrationFile>(), Array.Empty<MigrationDiagnostic>());
        }
        else
        {
            set = LintStep.Migrations(request.MigrationsDirectory, request.MigrationFiles);
        }

        MigrationStatusResult result;
        try
        {
            result = pusher.StatusAsync(set, target, new BuildPushProgress(log, request.ProjectFile), cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        if (result.Succeeded)
        {
            foreach (var line in StatusTable.Lines(result))
            {
                log.Message(BuildMessageImportance.High, line);
            }
        }

        return result.Succeeded && !log.HasLoggedErrors ? result : null;
    }

    /// <summary>The schema rules (SB2xxx) on the live database, each finding at the migration that made the object; false on errors.</summary>
    public static bool Advise(DatabaseRequest request, IBuildLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var errors = new List<MigrationDiagnostic>();
        var target = PushSettings.TryTarget(request.DatabaseUrl, DatabaseUrlName, request.ProjectFile ?? "SupabaseAdvise", errors);
        PgParser? parser = null;
        try
        {
            parser = PgParser.Load(Blank(request.ParserLibrary));
        }
        catch (PgQueryLibraryException e)
        {
            errors.Add(MigrationDiagnostic.ForFile(ToolDiagnostics.ParserNotFound, "libpg_query", e.Message));
        }

        if (Failed(errors, request, log) || target is null || parser is null)
        {
            return false;
        }

        var local = !string.IsNullOrWhiteSpace(request.MigrationsDirectory) && Directory.Exists(request.MigrationsDirectory)
            ? LintStep.Migrations(request.MigrationsDirectory, request.MigrationFiles)
            : null;
        var policy = new SeverityPolicy(request.NoWarn, request.WarningsAsErrors, request.WarningsNotAsErrors, request.TreatWarningsAsErrors);
        var schemas = SeverityPolicy.Split(request.Schemas);
        var options = new AdviseOptions { ExposedSchemas = schemas.Length > 0 ? schemas : null, DisabledRules = policy.DisabledRules };
        AdviseResult result;
        try
        {
            result = new LiveAdvisor(parser).AdviseAsync(target, local, options, cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            log.Diagnostic(BuildDiagnostic.Place(policy.Apply(diagnostic), request.ProjectFile));
        }

        if (result.Succeeded)
        {
            log.Message(BuildMessageImportance.High, $"Supabase.Build: advised {target.Display}: {result.Findings.Count} finding(s)");
        }

        return !log.HasLoggedErrors;
    }

    /// <summary>
    /// Creates <c>&lt;UTC yyyyMMddHHmmss&gt;_name.sql</c> in <paramref name="migrationsDirectory"/>, else in the folder
    /// the Supabase CLI would use from <paramref name="projectDirectory"/>; the path, or null (SB0504 logged).
    /// </summary>
    public static string? NewMigration(string? name, string? migrationsDirectory, string projectDirectory, string? projectFile, IBuildLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var directory = string.IsNullOrWhiteSpace(migrationsDirectory)
            ? PushSettings.NewMigrationDirectory(projectDirectory)
            : Path.GetFullPath(migrationsDirectory);
        var result = MigrationFileCreator.Create(directory, name, DateTime.UtcNow);
        if (!result.Succeeded)
        {
            log.Diagnostic(new BuildDiagnostic(
                DiagnosticSeverity.Error, PushDiagnostics.InvalidSetting.Id, PushDiagnostics.InvalidSetting.HelpLink, projectFile, 0, 0,
                $"{result.Error}; run dotnet msbuild -t:SupabaseNewMigration -p:Name=<name> ({PushDiagnostics.InvalidSetting.HelpLink})"));
            return null;
        }

        log.Message(BuildMessageImportance.High, $"Supabase.Build: created {result.Path}");
        return result.Path;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The parser-backed pusher, or null with SB0003 added to <paramref name="errors"/>.</summary>
    private static MigrationPusher? Pusher(DatabaseRequest request, List<MigrationDiagnostic> errors)
    {
        var pusher = MigrationPusher.TryCreate(Blank(request.ParserLibrary), out var parserNotFound);
        if (parserNotFound is not null)
        {
            errors.Add(parserNotFound);
        }

        return pusher;
    }

    /// <summary>Logs the settings errors, placed on the project when they have no file; true when there were any.</summary>
    private static bool Failed(List<MigrationDiagnostic> errors, DatabaseRequest request, IBuildLog log)
    {
        errors.ForEach(e => log.Diagnostic(BuildDiagnostic.Place(e, request.ProjectFile)));
        return errors.Count > 0;
    }
}

/// <summary>
/// A push's progress in the build log: findings as diagnostics, the per-migration lines and the summary at high
/// importance (shown at the default verbosity), details and server notices at normal importance.
/// </summary>
public sealed class BuildPushProgress(IBuildLog log, string? projectFile) : IProgress<PushEvent>
{
    public void Report(PushEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Kind)
        {
            case PushEventKind.Diagnostic when value.Diagnostic is not null:
                log.Diagnostic(BuildDiagnostic.Place(value.Diagnostic, projectFile));
                break;
            case PushEventKind.Detail:
            case PushEventKind.ServerNotice:
                log.Message(BuildMessageImportance.Normal, "Supabase.Build: " + value.Message);
                break;
            default:
                log.Message(BuildMessageImportance.High, "Supabase.Build: " + value.Message);
                break;
        }
    }
}

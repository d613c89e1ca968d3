using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Reporting;
using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.BuildSteps;

/// <summary>The inputs of a build's lint: the SupabaseLintMigrations task's parameters, which the CLI's <c>msbuild lint</c> takes too.</summary>
public sealed record LintRequest
{
    /// <summary>The folder that holds <c>&lt;version&gt;_&lt;name&gt;.sql</c>; missing gives SB0007.</summary>
    public required string MigrationsDirectory { get; init; }

    /// <summary>The migration files the build globbed in the folder.</summary>
    public IReadOnlyList<string> MigrationFiles { get; init; } = Array.Empty<string>();

    public string? NoWarn { get; init; }

    public string? WarningsAsErrors { get; init; }

    public string? WarningsNotAsErrors { get; init; }

    public bool TreatWarningsAsErrors { get; init; }

    /// <summary>SupabasePgQueryLibrary; empty: bundled, then SUPABASE_PGQUERY_LIBRARY, then the system.</summary>
    public string? ParserLibrary { get; init; }

    /// <summary>Where to write SARIF 2.1.0 (SupabaseLintErrorLog); empty: none.</summary>
    public string? ErrorLog { get; init; }

    /// <summary>Accepted findings not to report (supabase/lint-baseline.json); used when the file exists.</summary>
    public string? BaselineFile { get; init; }

    /// <summary>SupabaseLintSince: the SB1xxx rules skip migrations with an older version.</summary>
    public string? Since { get; init; }

    /// <summary>SupabaseLintInclude: opt-in rules to run as well.</summary>
    public string? Include { get; init; }

    /// <summary>SupabaseApiSchemas: the schemas the API exposes, for the SB2xxx rules; empty: supabase/config.toml.</summary>
    public string? ApiSchemas { get; init; }

    /// <summary>SupabasePostgresVersion: the PostgreSQL major version the migrations run on; empty: supabase/config.toml, else 17.</summary>
    public string? PostgresVersion { get; init; }

    /// <summary>Where the diagnostics go as JSON, for <see cref="LintStep.Report"/> (this build's and every up-to-date build's).</summary>
    public required string ResultsFile { get; init; }

    /// <summary>Where diagnostics without a file of their own are placed (the project file).</summary>
    public string? ProjectFile { get; init; }

    /// <summary>The version SARIF and the baseline record.</summary>
    public required string ToolVersion { get; init; }
}

/// <summary>
/// A build's lint, in two steps, so that findings are logged on one path only and a no-op build reports the same
/// findings without parsing anything: <see cref="Lint"/> (run when a migration or setting changed) stores the findings
/// in the results file and logs none of them; <see cref="Report"/> (run on every build) logs them from that file.
/// The MSBuild tasks and the CLI's <c>msbuild</c> commands both call these; nothing else orchestrates a build's lint.
/// </summary>
public static class LintStep
{
    /// <summary>
    /// Lints and writes the results file (and SARIF when asked). Only a missing parser (SB0003), an unreadable baseline
    /// or an unwritable output fails it; then no results file is left behind, so the next build lints again.
    /// </summary>
    public static bool Lint(LintRequest request, IBuildLog log)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var linter = MigrationLinter.TryCreate(Blank(request.ParserLibrary), out var parserNotFound);
        if (linter is null)
        {
            DeleteIfPresent(request.ResultsFile);
            log.Diagnostic(BuildDiagnostic.Place(parserNotFound!, request.ProjectFile));
            return false;
        }

        if (!TryPostgresVersion(request.PostgresVersion, request.ProjectFile, log, out var postgres))
        {
            DeleteIfPresent(request.ResultsFile);
            return false;
        }

        var set = Migrations(request.MigrationsDirectory, request.MigrationFiles);
        var policy = new SeverityPolicy(request.NoWarn, request.WarningsAsErrors, request.WarningsNotAsErrors, request.TreatWarningsAsErrors);
        LintBaseline? baseline = null;
        if (!string.IsNullOrWhiteSpace(request.BaselineFile) && File.Exists(request.BaselineFile))
        {
            try
            {
                baseline = LintBaseline.Load(request.BaselineFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                DeleteIfPresent(request.ResultsFile);
                log.Diagnostic(BuildDiagnostic.Error(
                    request.BaselineFile,
                    $"Supabase.Build: the lint baseline could not be read ({e.Message}); fix it or regenerate it with dotnet msbuild -t:SupabaseLintBaseline"));
                return false;
            }
        }

        var result = linter.Lint(set, Options(policy.DisabledRules, request, postgres) with { Baseline = baseline });
        var diagnostics = result.Diagnostics.Select(policy.Apply).ToList();
        try
        {
            WriteReplacing(request.ResultsFile, stream => JsonReport.Write(stream, diagnostics));
            if (!string.IsNullOrWhiteSpace(request.ErrorLog))
            {
                WriteReplacing(request.ErrorLog, stream => SarifWriter.Write(stream, diagnostics, linter.Descriptors, request.ToolVersion));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteIfPresent(request.ResultsFile);
            log.Diagnostic(BuildDiagnostic.Error(request.ProjectFile, $"Supabase.Build: could not write the lint results: {e.Message}"));
            return false;
        }

        log.Message(
            BuildMessageImportance.Normal,
            $"Supabase.Build: linted {result.FileCount} migration file(s), {result.StatementCount} statement(s) in '{set.Directory}': " +
            $"{diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} error(s), {diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning)} warning(s)"
            + (result.BaselinedCount > 0 ? $", {result.BaselinedCount} more in the baseline" : string.Empty));
        return true;
    }

    /// <summary>
    /// Logs the diagnostics <see cref="Lint"/> stored; false when one of them is an error. A damaged results file is
    /// removed (so the next build lints afresh) and reported as one error.
    /// </summary>
    public static bool Report(string resultsFile, string? projectFile, IBuildLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        IReadOnlyList<MigrationDiagnostic> diagnostics;
        try
        {
            using var stream = File.OpenRead(resultsFile);
            diagnostics = JsonReport.Read(stream, RuleRegistry.Catalogue);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            DeleteIfPresent(resultsFile);
            log.Diagnostic(BuildDiagnostic.Error(projectFile, $"Supabase.Build: could not read the lint results '{resultsFile}' ({e.Message}); they were removed, build again to lint afresh"));
            return false;
        }

        foreach (var diagnostic in diagnostics)
        {
            log.Diagnostic(BuildDiagnostic.Place(diagnostic, projectFile));
        }

        return !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>
    /// <c>-t:SupabaseLintBaseline</c>: lints (NoWarn, SupabaseLintInclude and SupabaseLintSince apply; no baseline) and
    /// writes every finding and every migration file to <see cref="LintRequest.BaselineFile"/>.
    /// </summary>
    public static bool WriteBaseline(LintRequest request, IBuildLog log)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var linter = MigrationLinter.TryCreate(Blank(request.ParserLibrary), out var parserNotFound);
        if (linter is null)
        {
            log.Diagnostic(BuildDiagnostic.Place(parserNotFound!, request.ProjectFile));
            return false;
        }

        if (!TryPostgresVersion(request.PostgresVersion, request.ProjectFile, log, out var postgres))
        {
            return false;
        }

        var path = request.BaselineFile ?? throw new ArgumentException("the baseline file is required", nameof(request));
        var set = Migrations(request.MigrationsDirectory, request.MigrationFiles);
        var result = linter.Lint(set, Options(SeverityPolicy.Split(request.NoWarn), request, postgres));
        var baseline = LintBaseline.From(result.Diagnostics, set.Files.Select(f => f.Path));
        try
        {
            baseline.Save(path, request.ToolVersion);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Diagnostic(BuildDiagnostic.Error(request.ProjectFile, $"Supabase.Build: could not write the lint baseline '{path}': {e.Message}"));
            return false;
        }

        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        log.Message(
            BuildMessageImportance.High,
            $"Supabase.Build: wrote {baseline.Findings.Count} finding(s) ({errors} error(s)) of {set.Files.Count} migration file(s) to {path}; builds now report only findings that are not in it");
        return true;
    }

    /// <summary>
    /// The files the build handed over, as a set of <paramref name="directory"/>; a folder that does not exist is
    /// discovered anyway, which reports it (SB0007). No files given: every <c>*.sql</c> in the folder, as the build globs it.
    /// </summary>
    public static MigrationSet Migrations(string directory, IReadOnlyCollection<string> files)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return Directory.Exists(folder) && files.Count > 0
            ? MigrationDiscovery.FromFiles(files.Select(Path.GetFullPath), folder)
            : MigrationDiscovery.Discover(folder);
    }

    internal static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static LintOptions Options(IReadOnlyCollection<string> disabledRules, LintRequest request, PostgresVersion? postgresVersion) => new()
    {
        DisabledRules = disabledRules,
        IncludedRules = SeverityPolicy.Split(request.Include),
        ExposedSchemas = SeverityPolicy.Split(request.ApiSchemas) is { Length: > 0 } schemas ? schemas : null,
        Since = string.IsNullOrWhiteSpace(request.Since) ? null : request.Since.Trim(),
        PostgresVersion = postgresVersion,
    };

    /// <summary>
    /// SupabasePostgresVersion: empty is null (config.toml decides), a major version wins over config.toml, anything
    /// else is SB0009 (a lint against a guessed version would report the wrong things), placed on the project.
    /// </summary>
    internal static bool TryPostgresVersion(string? property, string? projectFile, IBuildLog log, out PostgresVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(property))
        {
            return true;
        }

        if (PostgresVersion.TryParseMajor(property, out var major))
        {
            version = PostgresVersion.FromProperty(major);
            return true;
        }

        // Named by the property, not a file: the log places it on the project, without a line.
        log.Diagnostic(BuildDiagnostic.Place(
            MigrationDiagnostic.ForFile(
                ToolDiagnostics.InvalidConfig,
                "SupabasePostgresVersion",
                $"SupabasePostgresVersion '{property.Trim()}' is not a PostgreSQL major version; set a number such as 15 or 17, or leave it empty to use supabase/config.toml [db] major_version"),
            projectFile));
        return false;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

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

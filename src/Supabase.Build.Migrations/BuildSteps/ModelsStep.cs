using System.Text;
using Npgsql;
using Supabase.Build.Migrations.CodeGen;
using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Database;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.BuildSteps;

/// <summary>The inputs of a build's model generation: the SupabaseGenerateModels task's parameters (the CLI's <c>gen</c> maps its options to them in a build).</summary>
public sealed record ModelsRequest
{
    /// <summary><c>migrations</c> (default) or <c>database</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The migrations folder; empty when none was found (then only the database source has a schema).</summary>
    public string? MigrationsDirectory { get; init; }

    public IReadOnlyList<string> MigrationFiles { get; init; } = Array.Empty<string>();

    /// <summary>supabase/config.toml; empty: the one beside the migrations folder, if any.</summary>
    public string? ConfigFile { get; init; }

    public required string OutputFile { get; init; }

    /// <summary>Touched on every run (the build target's Outputs), while <see cref="OutputFile"/> changes only with its content.</summary>
    public string? StampFile { get; init; }

    public required string Namespace { get; init; }

    /// <summary>Schemas (separated by ; or ,); empty: [api] schemas of config.toml, else public.</summary>
    public string? Schemas { get; init; }

    /// <summary><c>string</c> (default) or <c>JsonDocument</c>, in any case.</summary>
    public string? JsonType { get; init; }

    public bool NpgsqlAttributes { get; init; }

    /// <summary>SupabaseDbUrl, for the database source; empty: SUPABASE_DB_URL, else the local default.</summary>
    public string? DatabaseUrl { get; init; }

    public string? ParserLibrary { get; init; }

    public string? ProjectFile { get; init; }

    /// <summary>Ids or names (SB0004, view-column-type-not-derivable) whose infos are not logged.</summary>
    public string? NoWarn { get; init; }
}

/// <summary>
/// Writes the C# models of the schema for a build: from the migrations (replayed offline: what every build does when
/// SupabaseGenerateModels is true) or from a live database (on request). The file is only rewritten when its content
/// changes, so an unchanged schema never makes the compiler run again; the stamp is touched on every run for MSBuild's
/// up-to-date check. Logs the model's SB0004/SB0005 infos; the lint reports what is wrong with the files themselves.
/// </summary>
public static class ModelsStep
{
    /// <returns>The file written (or left unchanged), or null when the step failed (the reason is logged).</returns>
    public static string? Generate(ModelsRequest request, IBuildLog log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var source = request.Source?.Trim();
        var fromDatabase = string.Equals(source, "database", StringComparison.OrdinalIgnoreCase);
        if (!fromDatabase && !string.IsNullOrEmpty(source) && !string.Equals(source, "migrations", StringComparison.OrdinalIgnoreCase))
        {
            log.Diagnostic(BuildDiagnostic.Error(request.ProjectFile, $"Supabase.Build: SupabaseModelsSource is '{request.Source}'; use 'migrations' (generate from supabase/migrations) or 'database' (from SupabaseDbUrl / SUPABASE_DB_URL)"));
            return null;
        }

        PgParser parser;
        try
        {
            parser = PgParser.Load(string.IsNullOrWhiteSpace(request.ParserLibrary) ? null : request.ParserLibrary);
        }
        catch (PgQueryLibraryException e)
        {
            log.Diagnostic(BuildDiagnostic.Place(MigrationDiagnostic.ForFile(ToolDiagnostics.ParserNotFound, "libpg_query", e.Message), request.ProjectFile));
            return null;
        }

        var configPath = !string.IsNullOrWhiteSpace(request.ConfigFile) ? request.ConfigFile
            : !string.IsNullOrWhiteSpace(request.MigrationsDirectory) ? SupabaseConfig.PathBeside(request.MigrationsDirectory) : null;
        SupabaseConfig config;
        try
        {
            config = SupabaseConfig.Load(configPath);
        }
        catch (FormatException e)
        {
            log.Diagnostic(BuildDiagnostic.Error(configPath, $"Supabase.Build: supabase/config.toml cannot be read: {e.Message}"));
            return null;
        }

        var options = new ModelGeneratorOptions
        {
            Namespace = request.Namespace,
            Schemas = ModelSources.Schemas(request.Schemas, config),
            Json = string.Equals(request.JsonType?.Trim(), "JsonDocument", StringComparison.OrdinalIgnoreCase) ? JsonMapping.JsonDocument : JsonMapping.Text,
            NpgsqlAttributes = request.NpgsqlAttributes,
        };

        ModelGenerationResult result;
        if (fromDatabase)
        {
            DatabaseTarget target;
            try
            {
                target = DatabaseTarget.Resolve(request.DatabaseUrl, "SupabaseDbUrl");
            }
            catch (FormatException e)
            {
                log.Diagnostic(BuildDiagnostic.Error(request.ProjectFile, "Supabase.Build: " + e.Message));
                return null;
            }

            try
            {
                result = ModelSources.FromDatabaseAsync(parser, target, options, cancellationToken).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                log.Diagnostic(BuildDiagnostic.Error(request.ProjectFile, $"Supabase.Build: could not read the schema of {target.Display} (from {target.Source}): {e.Message}"));
                return null;
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.MigrationsDirectory) || !Directory.Exists(request.MigrationsDirectory))
            {
                log.Message(BuildMessageImportance.Low, "Supabase.Build: no supabase/migrations folder; the models describe an empty schema.");
            }

            var set = !string.IsNullOrWhiteSpace(request.MigrationsDirectory) && Directory.Exists(request.MigrationsDirectory)
                ? LintStep.Migrations(request.MigrationsDirectory, request.MigrationFiles)
                : new MigrationSet(request.MigrationsDirectory, Array.Empty<MigrationFile>(), Array.Empty<MigrationDiagnostic>());
            result = ModelSources.FromMigrations(parser, set, options);
            var silenced = SeverityPolicy.Split(request.NoWarn);
            foreach (var diagnostic in result.Diagnostics.Where(d => SchemaDiagnostics.All.Contains(d.Rule) && !silenced.Any(d.Rule.IsNamedBy)))
            {
                log.Diagnostic(BuildDiagnostic.Place(diagnostic, request.ProjectFile));
            }
        }

        string output;
        try
        {
            output = Path.GetFullPath(request.OutputFile);
            var written = WriteIfChanged(output, result.Models.Code);
            if (!string.IsNullOrWhiteSpace(request.StampFile))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(request.StampFile))!);
                File.WriteAllText(request.StampFile, string.Empty);
            }

            log.Message(
                fromDatabase ? BuildMessageImportance.High : BuildMessageImportance.Normal,
                $"Supabase.Build: {(written ? "wrote" : "unchanged")} {output}: {result.Models.TypeCount} types for schema(s) {string.Join(", ", options.Schemas)} from {(fromDatabase ? "the database" : "the migrations")}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Diagnostic(BuildDiagnostic.Error(request.ProjectFile, $"Supabase.Build: could not write the models to '{request.OutputFile}': {e.Message}"));
            return null;
        }

        foreach (var note in result.Models.Notes)
        {
            log.Message(BuildMessageImportance.Low, "Supabase.Build: " + note);
        }

        return log.HasLoggedErrors ? null : output;
    }

    /// <summary>Writes beside the target and moves into place, only when the content differs. True when written.</summary>
    public static bool WriteIfChanged(string path, string content)
    {
        var bytes = new UTF8Encoding(false).GetBytes(content);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return true;
    }
}

using System.Text;
using Microsoft.Build.Framework;
using Npgsql;
using Supabase.Build.Migrations.CodeGen;
using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Database;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Tasks;

/// <summary>
/// Writes the C# models of the schema: from the migrations (replayed offline: what every build does when
/// SupabaseGenerateModels is true) or from a live database (SupabaseModelsSource=database, on request). The file is
/// only rewritten when its content changes, so an unchanged schema never makes the compiler run again; the
/// <see cref="StampFile"/> is touched on every run for MSBuild's up-to-date check. Logs the model's SB0004/SB0005 infos;
/// the lint reports what is wrong with the files themselves.
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
        var fromDatabase = string.Equals(Source?.Trim(), "database", StringComparison.OrdinalIgnoreCase);
        if (!fromDatabase && !string.IsNullOrWhiteSpace(Source) && !string.Equals(Source.Trim(), "migrations", StringComparison.OrdinalIgnoreCase))
        {
            Log.LogError(null, null, null, ProjectFile, 0, 0, 0, 0, $"Supabase.Build: SupabaseModelsSource is '{Source}'; use 'migrations' (generate from supabase/migrations) or 'database' (from SupabaseDbUrl / SUPABASE_DB_URL)");
            return false;
        }

        PgParser parser;
        try
        {
            parser = PgParser.Load(string.IsNullOrWhiteSpace(ParserLibrary) ? null : ParserLibrary);
        }
        catch (PgQueryLibraryException e)
        {
            DiagnosticLog.Log(Log, MigrationDiagnostic.ForFile(ToolDiagnostics.ParserNotFound, "libpg_query", e.Message), ProjectFile);
            return false;
        }

        SupabaseConfig config;
        var configPath = !string.IsNullOrWhiteSpace(ConfigFile) ? ConfigFile
            : !string.IsNullOrWhiteSpace(MigrationsDirectory) ? SupabaseConfig.PathBeside(MigrationsDirectory!) : null;
        try
        {
            config = SupabaseConfig.Load(configPath);
        }
        catch (FormatException e)
        {
            Log.LogError(null, null, null, configPath, 0, 0, 0, 0, $"Supabase.Build: supabase/config.toml cannot be read: {e.Message}");
            return false;
        }

        var options = new ModelGeneratorOptions
        {
            Namespace = Namespace,
            Schemas = ModelSources.Schemas(Schemas, config),
            Json = string.Equals(JsonType?.Trim(), "JsonDocument", StringComparison.OrdinalIgnoreCase) ? JsonMapping.JsonDocument : JsonMapping.Text,
            NpgsqlAttributes = NpgsqlAttributes,
        };

        ModelGenerationResult result;
        if (fromDatabase)
        {
            DatabaseTarget target;
            try
            {
                target = DatabaseTarget.Resolve(DatabaseUrl, "SupabaseDbUrl");
            }
            catch (FormatException e)
            {
                Log.LogError(null, null, null, ProjectFile, 0, 0, 0, 0, "Supabase.Build: " + e.Message);
                return false;
            }

            try
            {
                result = ModelSources.FromDatabaseAsync(parser, target, options).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                Log.LogError(null, null, null, ProjectFile, 0, 0, 0, 0, $"Supabase.Build: could not read the schema of {target.Display} (from {target.Source}): {e.Message}");
                return false;
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(MigrationsDirectory) || !Directory.Exists(MigrationsDirectory))
            {
                Log.LogMessage(MessageImportance.Low, "Supabase.Build: no supabase/migrations folder; the models describe an empty schema.");
            }

            var set = TaskMigrations.FromExisting(MigrationsDirectory, MigrationFiles)
                ?? new MigrationSet(MigrationsDirectory, Array.Empty<MigrationFile>(), Array.Empty<MigrationDiagnostic>());
            result = ModelSources.FromMigrations(parser, set, options);
            var silenced = (NoWarn ?? string.Empty).Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var diagnostic in result.Diagnostics.Where(d => SchemaDiagnostics.All.Contains(d.Rule) && !silenced.Any(d.Rule.IsNamedBy)))
            {
                DiagnosticLog.Log(Log, diagnostic, ProjectFile);
            }
        }

        try
        {
            var output = Path.GetFullPath(OutputFile);
            var written = WriteIfChanged(output, result.Models.Code);
            if (!string.IsNullOrWhiteSpace(StampFile))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(StampFile))!);
                File.WriteAllText(StampFile, string.Empty);
            }

            GeneratedFile = output;
            Log.LogMessage(
                fromDatabase ? MessageImportance.High : MessageImportance.Normal,
                $"Supabase.Build: {(written ? "wrote" : "unchanged")} {output}: {result.Models.TypeCount} types for schema(s) {string.Join(", ", options.Schemas)} from {(fromDatabase ? "the database" : "the migrations")}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, null, null, ProjectFile, 0, 0, 0, 0, $"Supabase.Build: could not write the models to '{OutputFile}': {e.Message}");
            return false;
        }

        foreach (var note in result.Models.Notes)
        {
            Log.LogMessage(MessageImportance.Low, "Supabase.Build: " + note);
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>Writes beside the target and moves into place, only when the content differs. True when written.</summary>
    internal static bool WriteIfChanged(string path, string content)
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

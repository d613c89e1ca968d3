using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Introspection;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.CodeGen;

/// <summary>A generation's outcome: the code, the diagnostics (SB0001..SB0008 from reading the files, SB0004/SB0005), and notes.</summary>
public sealed record ModelGenerationResult(GeneratedModels Models, IReadOnlyList<MigrationDiagnostic> Diagnostics, SchemaModel Model);

/// <summary>
/// The two ways to a generated file that MSBuild and the CLI share: from the migrations (offline, the replayed model),
/// or from a live database (the introspected model). Schemas: the explicit list, else <c>[api] schemas</c> of
/// <c>supabase/config.toml</c> beside the migrations, else public; A schema with nothing
/// in it (PostgREST's <c>graphql_public</c>) simply adds nothing.
/// </summary>
public static class ModelSources
{
    private static readonly char[] Separators = { ',', ';', ' ' };

    public static ModelGenerationResult FromMigrations(PgParser parser, MigrationSet set, ModelGeneratorOptions options)
    {
        var history = new SchemaReplay(parser).Replay(set, new SchemaReplayOptions { KeepStates = false });
        var parseDiagnostics = new List<MigrationDiagnostic>(set.Diagnostics);
        var models = ModelGenerator.Generate(history.Final, options with
        {
            SourceDescription = $"the migrations in {DisplayDirectory(set.Directory)} ({set.Files.Count} files)",
        });
        return new ModelGenerationResult(models, parseDiagnostics.Concat(history.Diagnostics).ToList(), history.Final);
    }

    public static async Task<ModelGenerationResult> FromDatabaseAsync(PgParser parser, Database.DatabaseTarget target, ModelGeneratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var model = await new CatalogIntrospector(parser).ReadAsync(target.ConnectionString, cancellationToken).ConfigureAwait(false);
        var models = ModelGenerator.Generate(model, options with { SourceDescription = "the database " + target.Display });
        return new ModelGenerationResult(models, Array.Empty<MigrationDiagnostic>(), model);
    }

    /// <summary>
    /// The schemas to generate: explicit (comma/semicolon separated) when given, else config.toml's <c>[api] schemas</c>,
    /// else public. An empty <c>schemas = []</c> (the API exposes nothing) still generates public: the models serve
    /// code that talks to the database directly, too.
    /// </summary>
    public static IReadOnlyList<string> Schemas(string? explicitList, SupabaseConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var list = (explicitList ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return list.Length > 0 ? list.Distinct(StringComparer.Ordinal).ToList()
            : config.ApiSchemas.Count > 0 ? config.ApiSchemas
            : SupabaseConfig.DefaultSchemas;
    }

    private static string DisplayDirectory(string? directory)
    {
        if (directory is null)
        {
            return "the given files";
        }

        // supabase/migrations, not a machine's absolute path: the header must be the same on every machine.
        var trimmed = Path.TrimEndingDirectorySeparator(directory);
        var parent = Path.GetFileName(Path.GetDirectoryName(trimmed) ?? string.Empty);
        return (parent.Length > 0 ? parent + "/" : string.Empty) + Path.GetFileName(trimmed);
    }
}

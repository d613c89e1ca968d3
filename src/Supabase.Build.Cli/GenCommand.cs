using System.CommandLine;
using System.Text;
using Npgsql;
using Supabase.Build.Migrations.BuildSteps;
using Supabase.Build.Migrations.CodeGen;
using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Database;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Reporting;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Cli;

/// <summary>
/// <c>supabase-build gen [DIR]</c>: the C# models of the schema, from the migrations (offline, default) or from a live
/// database (<c>--source database</c>), to standard output or <c>--output FILE</c>. The same engine and options as
/// MSBuild's SupabaseGenerateModels.
/// </summary>
internal sealed class GenCommand : Command
{
    private readonly string _workingDirectory;
    private readonly BuildMode _buildMode;

    private readonly Argument<string?> _directory = new("directory")
    {
        Description = "The migrations folder (or a project folder with supabase/migrations). Default: the nearest supabase/migrations upward.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string> _source = new("--source")
    {
        Description = "Where the schema comes from: migrations (replayed offline) or database (--db-url, else SUPABASE_DB_URL, else the local default).",
        DefaultValueFactory = _ => "migrations",
        HelpName = "migrations|database",
    };

    private readonly Option<string?> _dbUrl = new("--db-url")
    {
        Description = "The database for --source database: a postgresql:// URL or an Npgsql connection string (default: SUPABASE_DB_URL, else postgresql://postgres:postgres@127.0.0.1:54322/postgres).",
        HelpName = "url",
    };

    private readonly Option<string?> _output = new("--output", "-o")
    {
        Description = "Write the C# file here (written only when its content changes) instead of to standard output.",
        HelpName = "file",
    };

    private readonly Option<string> _namespace = new("--namespace", "-n")
    {
        Description = "The namespace of the generated types.",
        DefaultValueFactory = _ => "Supabase.Models",
        HelpName = "name",
    };

    private readonly Option<string?> _schemas = new("--schemas")
    {
        Description = "Schemas to generate, comma-separated. Default: [api] schemas of supabase/config.toml, else public.",
        HelpName = "list",
    };

    private readonly Option<string> _json = new("--json")
    {
        Description = "How json/jsonb columns are typed: string or JsonDocument.",
        DefaultValueFactory = _ => "string",
        HelpName = "string|JsonDocument",
    };

    private readonly Option<bool> _npgsql = new("--npgsql")
    {
        Description = "Emit Npgsql's [PgName] attributes, Npgsql types and MapSupabaseTypes() (the consuming project references Npgsql).",
    };

    private readonly Option<string?> _parserLibrary = new("--parser-library")
    {
        Description = "Path of libpg_query to use when the bundled copy cannot be loaded (also SUPABASE_PGQUERY_LIBRARY).",
        HelpName = "path",
    };

    private readonly Option<string[]> _noWarn = new("--no-warn")
    {
        Description = "Rule ids or names whose notes on the schema (SB0004, SB0005) are not printed, separated by commas or given more than once.",
        HelpName = "ids",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _stamp = new("--stamp") { Hidden = true };

    public GenCommand(string workingDirectory, BuildMode buildMode)
        : base("gen", "Generate typed C# models (Row/Insert/Update records, enums, composites, functions) from the migrations or a live database. Exit code: 0 written, 1 the database could not be read, 2 usage error.")
    {
        _workingDirectory = workingDirectory;
        _buildMode = buildMode;
        _source.AcceptOnlyFromAmong("migrations", "database");
        _json.AcceptOnlyFromAmong("string", "JsonDocument");
        Arguments.Add(_directory);
        Options.Add(_source);
        Options.Add(_dbUrl);
        Options.Add(_output);
        Options.Add(_namespace);
        Options.Add(_schemas);
        Options.Add(_json);
        Options.Add(_npgsql);
        Options.Add(_parserLibrary);
        Options.Add(_noWarn);
        Options.Add(_stamp);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var error = parseResult.InvocationConfiguration.Error;
        if (_buildMode.Project(parseResult) is { } project)
        {
            return GenerateForBuild(parseResult, project);
        }

        try
        {
            return Generate(parseResult, parseResult.InvocationConfiguration.Output, error);
        }
        catch (UsageException e)
        {
            error.WriteLine($"{CliApplication.CommandName}: {e.Message}");
            return ExitCodes.UsageError;
        }
    }

    private int Generate(ParseResult parseResult, TextWriter output, TextWriter error)
    {
        var fromDatabase = parseResult.GetValue(_source) == "database";
        var migrations = MigrationsDirectory(parseResult.GetValue(_directory), required: !fromDatabase);
        SupabaseConfig config;
        try
        {
            config = SupabaseConfig.Load(migrations is null ? null : SupabaseConfig.PathBeside(migrations));
        }
        catch (FormatException e)
        {
            throw new UsageException("supabase/config.toml cannot be read: " + e.Message, e);
        }

        PgParser parser;
        try
        {
            parser = PgParser.Load(parseResult.GetValue(_parserLibrary));
        }
        catch (PgQueryLibraryException e)
        {
            error.WriteLine(TextFormatter.Format(MigrationDiagnostic.ForFile(ToolDiagnostics.ParserNotFound, "libpg_query", e.Message)));
            return ExitCodes.ErrorsFound;
        }

        var options = new ModelGeneratorOptions
        {
            Namespace = parseResult.GetValue(_namespace) ?? "Supabase.Models",
            Schemas = ModelSources.Schemas(parseResult.GetValue(_schemas), config),
            Json = parseResult.GetValue(_json) == "JsonDocument" ? JsonMapping.JsonDocument : JsonMapping.Text,
            NpgsqlAttributes = parseResult.GetValue(_npgsql),
        };

        ModelGenerationResult result;
        if (fromDatabase)
        {
            DatabaseTarget target;
            try
            {
                target = DatabaseTarget.Resolve(parseResult.GetValue(_dbUrl), "--db-url");
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message, e);
            }

            try
            {
                result = ModelSources.FromDatabaseAsync(parser, target, options).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                error.WriteLine($"{CliApplication.CommandName}: could not read the schema of {target.Display} (from {target.Source}): {e.Message}");
                return ExitCodes.ErrorsFound;
            }
        }
        else
        {
            result = ModelSources.FromMigrations(parser, MigrationDiscovery.Discover(migrations!), options);
            var silenced = PushCommandSupport.SplitIds(parseResult.GetValue(_noWarn));
            foreach (var diagnostic in result.Diagnostics.Where(d => (SchemaDiagnostics.All.Contains(d.Rule) || d.Severity == DiagnosticSeverity.Error) && !silenced.Any(d.Rule.IsNamedBy)))
            {
                error.WriteLine(TextFormatter.Format(diagnostic));
            }
        }

        var path = parseResult.GetValue(_output);
        if (path is null)
        {
            output.Write(result.Models.Code);
        }
        else
        {
            var full = Path.GetFullPath(path, _workingDirectory);
            try
            {
                ModelsStep.WriteIfChanged(full, result.Models.Code); // atomic, as the build writes it
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write '{path}': {e.Message}", e);
            }

            error.WriteLine($"{full}: {result.Models.TypeCount} types for schema(s) {string.Join(", ", options.Schemas)} from {(fromDatabase ? "the database" : "the migrations")}");
        }

        foreach (var note in result.Models.Notes)
        {
            error.WriteLine("note: " + note);
        }

        return ExitCodes.Success;
    }

    /// <summary>For a build out of process: SupabaseGenerateModels's step, with the task's inputs from the options.</summary>
    private int GenerateForBuild(ParseResult parseResult, string project)
    {
        string? Full(string? path) => string.IsNullOrEmpty(path) ? null : Path.GetFullPath(path, _workingDirectory);
        var request = new ModelsRequest
        {
            Source = parseResult.GetValue(_source),
            MigrationsDirectory = BuildMode.Directory(parseResult.GetValue(_directory), _workingDirectory),
            OutputFile = Full(parseResult.GetValue(_output)) ?? Path.GetFullPath("Supabase.Models.g.cs", _workingDirectory),
            StampFile = Full(parseResult.GetValue(_stamp)),
            Namespace = parseResult.GetValue(_namespace) ?? "Supabase.Models",
            Schemas = parseResult.GetValue(_schemas),
            JsonType = parseResult.GetValue(_json),
            NpgsqlAttributes = parseResult.GetValue(_npgsql),
            DatabaseUrl = BuildMode.DatabaseUrl(parseResult.GetValue(_dbUrl)),
            ParserLibrary = parseResult.GetValue(_parserLibrary),
            ProjectFile = project,
            NoWarn = string.Join(';', parseResult.GetValue(_noWarn) ?? []),
        };
        var log = new BuildModeLog(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        return BuildMode.ExitCode(ModelsStep.Generate(request, log) is not null);
    }

    private string? MigrationsDirectory(string? argument, bool required)
    {
        if (argument is null)
        {
            var found = MigrationDirectoryLocator.FindFrom(_workingDirectory);
            return found is null && required
                ? throw new UsageException($"no supabase/migrations folder found in '{_workingDirectory}' or any folder above it; run in a Supabase project or pass the migrations folder")
                : found;
        }

        var full = Path.GetFullPath(argument, _workingDirectory);
        if (!Directory.Exists(full))
        {
            throw new UsageException($"'{argument}' does not exist");
        }

        var nested = Path.Combine(full, "supabase", "migrations");
        return Directory.Exists(nested) && !Directory.EnumerateFiles(full, "*.sql").Any() ? nested : full;
    }
}

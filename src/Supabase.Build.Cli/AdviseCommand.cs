using System.CommandLine;
using Supabase.Build.Migrations.Advising;
using Supabase.Build.Migrations.BuildSteps;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Push;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Cli;

/// <summary>
/// <c>supabase-build advise [DIR]</c>: the schema rules (SB2xxx) on a live database, each finding placed at the local
/// migration that made the object. Reads only.
/// </summary>
internal sealed class AdviseCommand : Command
{
    private readonly string _workingDirectory;
    private readonly BuildMode _buildMode;
    private readonly Option<string?> _warningsAsErrors = BuildMode.WarningsAsErrors();
    private readonly Option<string?> _warningsNotAsErrors = BuildMode.WarningsNotAsErrors();
    private readonly Option<bool> _treatWarningsAsErrors = BuildMode.TreatWarningsAsErrors();
    private readonly Argument<string?> _directory = PushCommandSupport.DirectoryArgument("place findings in (and read supabase/config.toml beside)");
    private readonly Option<string?> _databaseUrl = PushCommandSupport.DatabaseUrlOption();
    private readonly Option<string?> _parserLibrary = PushCommandSupport.ParserLibraryOption();
    private readonly Option<string> _format = SharedOptions.Format();
    private readonly Option<string?> _output = SharedOptions.Output();
    private readonly Option<string[]> _noWarn = SharedOptions.NoWarn();
    private readonly Option<string[]> _schemas = SharedOptions.Schemas();

    public AdviseCommand(string workingDirectory, BuildMode buildMode)
        : base("advise", "Check a live database for Supabase security and performance holes (SB2xxx: RLS off, mutable search_path, exposed auth.users, ...), naming the migration that made each object. Changes nothing. Exit code: 0 no errors, 1 errors found or the database could not be read, 2 usage error.")
    {
        _workingDirectory = workingDirectory;
        _buildMode = buildMode;
        Arguments.Add(_directory);
        Options.Add(_databaseUrl);
        Options.Add(_schemas);
        Options.Add(_noWarn);
        Options.Add(_format);
        Options.Add(_output);
        Options.Add(_parserLibrary);
        Options.Add(_warningsAsErrors);
        Options.Add(_warningsNotAsErrors);
        Options.Add(_treatWarningsAsErrors);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (_buildMode.Project(parseResult) is { } project)
        {
            // For a build out of process: SupabaseAdvise's step, with the task's inputs from the options.
            var request = new DatabaseRequest
            {
                MigrationsDirectory = BuildMode.Directory(parseResult.GetValue(_directory), _workingDirectory),
                DatabaseUrl = BuildMode.DatabaseUrl(parseResult.GetValue(_databaseUrl)),
                Schemas = string.Join(';', parseResult.GetValue(_schemas) ?? []),
                NoWarn = string.Join(';', parseResult.GetValue(_noWarn) ?? []),
                WarningsAsErrors = parseResult.GetValue(_warningsAsErrors),
                WarningsNotAsErrors = parseResult.GetValue(_warningsNotAsErrors),
                TreatWarningsAsErrors = parseResult.GetValue(_treatWarningsAsErrors),
                ParserLibrary = parseResult.GetValue(_parserLibrary),
                ProjectFile = project,
            };
            return BuildMode.ExitCode(PushSteps.Advise(request, new BuildModeLog(output, error), cancellationToken));
        }

        try
        {
            var argument = parseResult.GetValue(_directory);
            var directory = argument is null && MigrationDirectoryLocator.FindFrom(_workingDirectory) is null
                ? null
                : PushCommandSupport.ResolveDirectory(argument, _workingDirectory);
            var errors = new List<MigrationDiagnostic>();
            var target = PushSettings.TryTarget(parseResult.GetValue(_databaseUrl), "--db-url", "--db-url", errors);
            if (target is null)
            {
                errors.ForEach(e => error.WriteLine(PushCommandSupport.Format(e)));
                return ExitCodes.UsageError;
            }

            PgParser parser;
            try
            {
                parser = PgParser.Load(parseResult.GetValue(_parserLibrary));
            }
            catch (PgQueryLibraryException e)
            {
                error.WriteLine(PushCommandSupport.Format(MigrationDiagnostic.ForFile(ToolDiagnostics.ParserNotFound, "libpg_query", e.Message)));
                return ExitCodes.ErrorsFound;
            }

            var schemas = PushCommandSupport.SplitIds(parseResult.GetValue(_schemas));
            var options = new AdviseOptions
            {
                ExposedSchemas = schemas.Length > 0 ? schemas : null,
                DisabledRules = PushCommandSupport.SplitIds(parseResult.GetValue(_noWarn)),
            };
            var local = directory is null ? null : MigrationDiscovery.Discover(directory);
            var result = await new LiveAdvisor(parser).AdviseAsync(target, local, options, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                result.Diagnostics.ToList().ForEach(d => error.WriteLine(PushCommandSupport.Format(d)));
                return ExitCodes.ErrorsFound;
            }

            var catalogue = ToolDiagnostics.All.Concat(RuleRegistry.SchemaRules.Select(r => r.Descriptor));
            new ReportRenderer(_workingDirectory).Write(parseResult.GetValue(_format) ?? ReportFormat.Text, parseResult.GetValue(_output), result.Diagnostics, catalogue, output);
            output.Flush();
            var errorCount = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            var warnings = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
            var info = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Info);
            error.WriteLine($"{target.Display}: {errorCount} error(s), {warnings} warning(s), {info} info");
            return errorCount > 0 ? ExitCodes.ErrorsFound : ExitCodes.Success;
        }
        catch (UsageException e)
        {
            error.WriteLine($"{CliApplication.CommandName}: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return PushCommandSupport.Cancelled;
        }
    }
}

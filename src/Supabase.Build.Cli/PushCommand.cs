using System.CommandLine;
using Supabase.Build.Migrations.BuildSteps;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Push;

namespace Supabase.Build.Cli;

/// <summary>
/// <c>supabase-build push [DIR]</c>: applies the pending migrations to the database and records them in
/// supabase_migrations.schema_migrations, as <c>supabase db push</c> does; the same engine as <c>-t:SupabasePush</c>.
/// </summary>
internal sealed class PushCommand : Command
{
    private readonly string _workingDirectory;
    private readonly BuildMode _buildMode;
    private readonly Argument<string?> _directory = PushCommandSupport.DirectoryArgument("push");
    private readonly Option<string?> _databaseUrl = PushCommandSupport.DatabaseUrlOption();
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Print what would run; change nothing." };
    private readonly Option<bool> _includeAll = new("--include-all") { Description = "Also apply pending migrations older than the newest applied one (otherwise error SB0511)." };
    private readonly Option<bool> _includeSeed = new("--include-seed") { Description = "After the migrations, run supabase/seed.sql once (tracked in supabase_migrations.seed_files)." };
    private readonly Option<string?> _seedFile = new("--seed-file") { Description = "The seed file for --include-seed. Default: seed.sql beside the migrations folder.", HelpName = "path" };
    private readonly Option<bool> _skipLint = new("--skip-lint") { Description = "Push even when the lint of the pending migrations finds errors (SQL the parser rejects is never pushed)." };

    private readonly Option<string?> _postgresVersion = new("--postgres-version")
    {
        Description = "The PostgreSQL major version of the database, for the push's lint (SB1041). Default: [db] major_version of supabase/config.toml, else 17.",
        HelpName = "major",
    };

    private readonly Option<string> _lockWait = new("--lock-wait")
    {
        Description = "Seconds to wait for another push to the same database to finish.",
        DefaultValueFactory = _ => ((int)PushOptions.DefaultLockWait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        HelpName = "seconds",
    };

    private readonly Option<string> _lockTimeout = new("--lock-timeout")
    {
        Description = "lock_timeout for the migration statements (5s, 500ms, 2min; 0: none).",
        DefaultValueFactory = _ => "5s",
        HelpName = "duration",
    };

    private readonly Option<string?> _statementTimeout = new("--statement-timeout")
    {
        Description = "statement_timeout for the migration statements. Default: none.",
        HelpName = "duration",
    };

    private readonly Option<string[]> _noWarn = new("--no-warn")
    {
        Description = "Rule ids or names not to run or report (lint rules, and SB0510-SB0513), separated by commas or given more than once.",
        HelpName = "ids",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _parserLibrary = PushCommandSupport.ParserLibraryOption();
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Also print every statement of a dry run and the server's notices." };
    private readonly Option<string?> _warningsAsErrors = BuildMode.WarningsAsErrors();
    private readonly Option<string?> _warningsNotAsErrors = BuildMode.WarningsNotAsErrors();
    private readonly Option<bool> _treatWarningsAsErrors = BuildMode.TreatWarningsAsErrors();

    public PushCommand(string workingDirectory, BuildMode buildMode)
        : base("push", "Apply the pending migrations to the database, recorded in supabase_migrations.schema_migrations as the Supabase CLI records them. Exit code: 0 pushed (or nothing to push), 1 failed, 2 usage error.")
    {
        _workingDirectory = workingDirectory;
        _buildMode = buildMode;
        Arguments.Add(_directory);
        Options.Add(_databaseUrl);
        Options.Add(_dryRun);
        Options.Add(_includeAll);
        Options.Add(_includeSeed);
        Options.Add(_seedFile);
        Options.Add(_skipLint);
        Options.Add(_postgresVersion);
        Options.Add(_lockWait);
        Options.Add(_lockTimeout);
        Options.Add(_statementTimeout);
        Options.Add(_noWarn);
        Options.Add(_parserLibrary);
        Options.Add(_verbose);
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
            return PushForBuild(parseResult, project, cancellationToken);
        }

        try
        {
            var directory = PushCommandSupport.ResolveDirectory(parseResult.GetValue(_directory), _workingDirectory);
            var errors = new List<MigrationDiagnostic>();
            var target = PushSettings.TryTarget(parseResult.GetValue(_databaseUrl), "--db-url", "--db-url", errors);
            PushSettings.TryDuration("--lock-timeout", parseResult.GetValue(_lockTimeout), "--lock-timeout", errors, out var lockTimeout);
            PushSettings.TryDuration("--statement-timeout", parseResult.GetValue(_statementTimeout), "--statement-timeout", errors, out var statementTimeout);
            PushSettings.TrySeconds("--lock-wait", parseResult.GetValue(_lockWait), PushOptions.DefaultLockWait, "--lock-wait", errors, out var lockWait);
            var postgres = LintCommand.PostgresVersionOption(parseResult.GetValue(_postgresVersion));

            if (errors.Count > 0 || target is null)
            {
                errors.ForEach(e => error.WriteLine(PushCommandSupport.Format(e)));
                return ExitCodes.UsageError;
            }

            var pusher = MigrationPusher.TryCreate(parseResult.GetValue(_parserLibrary), out var parserNotFound);
            if (pusher is null)
            {
                error.WriteLine(PushCommandSupport.Format(parserNotFound!));
                return ExitCodes.ErrorsFound;
            }

            var seedFile = parseResult.GetValue(_seedFile);
            var options = new PushOptions
            {
                Target = target,
                Lint = !parseResult.GetValue(_skipLint),
                DisabledRules = PushCommandSupport.SplitIds(parseResult.GetValue(_noWarn)),
                PostgresVersion = postgres,
                LockWait = lockWait,
                LockTimeout = lockTimeout,
                StatementTimeout = statementTimeout,
                IncludeAll = parseResult.GetValue(_includeAll),
                DryRun = parseResult.GetValue(_dryRun),
                SeedFiles = PushSettings.SeedFiles(
                    parseResult.GetValue(_includeSeed), seedFile is null ? null : Path.GetFullPath(seedFile, _workingDirectory), directory),
            };

            var progress = new ConsoleProgress(output, error, parseResult.GetValue(_verbose));
            var result = await pusher.PushAsync(MigrationDiscovery.Discover(directory), options, progress, cancellationToken).ConfigureAwait(false);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.ErrorsFound;
        }
        catch (UsageException e)
        {
            error.WriteLine($"{CliApplication.CommandName}: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"{CliApplication.CommandName}: push cancelled");
            return PushCommandSupport.Cancelled;
        }
    }

    /// <summary>For a build out of process: SupabasePush's step, with the task's inputs from the options.</summary>
    private int PushForBuild(ParseResult parseResult, string project, CancellationToken cancellationToken)
    {
        var seedFile = parseResult.GetValue(_seedFile);
        var request = new DatabaseRequest
        {
            MigrationsDirectory = BuildMode.Directory(parseResult.GetValue(_directory), _workingDirectory),
            DatabaseUrl = BuildMode.DatabaseUrl(parseResult.GetValue(_databaseUrl)),
            SkipLint = parseResult.GetValue(_skipLint),
            PostgresVersion = parseResult.GetValue(_postgresVersion),
            LockWaitSeconds = parseResult.GetValue(_lockWait),
            LockTimeout = parseResult.GetValue(_lockTimeout),
            StatementTimeout = parseResult.GetValue(_statementTimeout),
            IncludeAll = parseResult.GetValue(_includeAll),
            DryRun = parseResult.GetValue(_dryRun),
            IncludeSeed = parseResult.GetValue(_includeSeed),
            SeedFile = string.IsNullOrEmpty(seedFile) ? null : Path.GetFullPath(seedFile, _workingDirectory),
            NoWarn = string.Join(';', parseResult.GetValue(_noWarn) ?? []),
            WarningsAsErrors = parseResult.GetValue(_warningsAsErrors),
            WarningsNotAsErrors = parseResult.GetValue(_warningsNotAsErrors),
            TreatWarningsAsErrors = parseResult.GetValue(_treatWarningsAsErrors),
            ParserLibrary = parseResult.GetValue(_parserLibrary),
            ProjectFile = project,
        };
        var log = new BuildModeLog(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        return BuildMode.ExitCode(PushSteps.Push(request, log, cancellationToken) is not null);
    }
}

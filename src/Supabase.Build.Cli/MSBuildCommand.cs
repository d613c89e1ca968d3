using System.CommandLine;
using Supabase.Build.Migrations.BuildSteps;
using Supabase.Build.Migrations.Discovery;

namespace Supabase.Build.Cli;

/// <summary>
/// <c>supabase-build msbuild locate|lint|report|baseline</c>, hidden: the build's lint steps for the SDK's targets when
/// a build runs out of process. Each takes exactly the inputs of its MSBuild task (SupabaseFindMigrationsDirectory,
/// SupabaseLintMigrations, SupabaseReportLintResults, SupabaseWriteLintBaseline) and runs the same
/// <see cref="LintStep"/>, so the lint keeps its two steps (lint into obj/supabase-lint.json when inputs changed,
/// report from it on every build) and its findings whichever way the build runs.
/// </summary>
internal sealed class MSBuildCommand : Command
{
    public MSBuildCommand(string workingDirectory, BuildMode buildMode)
        : base("msbuild", "The build steps of the Supabase.Build MSBuild SDK, run out of process by its targets.")
    {
        Hidden = true;
        Subcommands.Add(Locate(workingDirectory));
        Subcommands.Add(Lint(workingDirectory, buildMode, baseline: false));
        Subcommands.Add(Lint(workingDirectory, buildMode, baseline: true));
        Subcommands.Add(Report(workingDirectory, buildMode));
    }

    /// <summary><c>locate --from DIR</c>: prints the nearest supabase/migrations at or above DIR, or nothing.</summary>
    private static Command Locate(string workingDirectory)
    {
        var from = new Option<string>("--from") { Required = true };
        var command = new Command("locate") { from };
        command.SetAction(parseResult =>
        {
            var found = MigrationDirectoryLocator.FindFrom(Path.GetFullPath(parseResult.GetValue(from)!, workingDirectory));
            if (found is not null)
            {
                parseResult.InvocationConfiguration.Output.WriteLine(found);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>lint</c> (SupabaseLintMigrations) and <c>baseline</c> (SupabaseWriteLintBaseline).</summary>
    private static Command Lint(string workingDirectory, BuildMode buildMode, bool baseline)
    {
        var directory = new Option<string>("--migrations-directory") { Required = true };
        var files = new Option<string[]>("--file") { AllowMultipleArgumentsPerToken = false };
        var noWarn = new Option<string?>("--no-warn");
        var warningsAsErrors = BuildMode.WarningsAsErrors();
        var warningsNotAsErrors = BuildMode.WarningsNotAsErrors();
        var treatWarningsAsErrors = BuildMode.TreatWarningsAsErrors();
        var parserLibrary = new Option<string?>("--parser-library");
        var errorLog = new Option<string?>("--error-log");
        var baselineFile = new Option<string?>("--baseline") { Required = baseline };
        var since = new Option<string?>("--since");
        var include = new Option<string?>("--include");
        var schemas = new Option<string?>("--schemas");
        var postgresVersion = new Option<string?>("--postgres-version");
        var results = new Option<string>("--results") { Required = !baseline };
        var command = new Command(baseline ? "baseline" : "lint")
        {
            directory, files, noWarn, warningsAsErrors, warningsNotAsErrors, treatWarningsAsErrors, parserLibrary, errorLog, baselineFile, since, include, schemas, postgresVersion, results,
        };
        command.SetAction(parseResult =>
        {
            string? Full(Option<string?> option) => parseResult.GetValue(option) is { Length: > 0 } path ? Path.GetFullPath(path, workingDirectory) : null;
            var request = new LintRequest
            {
                MigrationsDirectory = Path.GetFullPath(parseResult.GetValue(directory)!, workingDirectory),
                MigrationFiles = (parseResult.GetValue(files) ?? []).Select(f => Path.GetFullPath(f, workingDirectory)).ToList(),
                NoWarn = parseResult.GetValue(noWarn),
                WarningsAsErrors = parseResult.GetValue(warningsAsErrors),
                WarningsNotAsErrors = parseResult.GetValue(warningsNotAsErrors),
                TreatWarningsAsErrors = parseResult.GetValue(treatWarningsAsErrors),
                ParserLibrary = parseResult.GetValue(parserLibrary),
                ErrorLog = Full(errorLog),
                BaselineFile = Full(baselineFile),
                Since = parseResult.GetValue(since),
                Include = parseResult.GetValue(include),
                ApiSchemas = parseResult.GetValue(schemas),
                PostgresVersion = parseResult.GetValue(postgresVersion),
                ResultsFile = parseResult.GetValue(results) is { Length: > 0 } path ? Path.GetFullPath(path, workingDirectory) : string.Empty,
                ProjectFile = buildMode.Project(parseResult),
                ToolVersion = CliApplication.Version,
            };
            var log = new BuildModeLog(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            return BuildMode.ExitCode(baseline ? LintStep.WriteBaseline(request, log) : LintStep.Lint(request, log));
        });
        return command;
    }

    /// <summary><c>report --results FILE</c> (SupabaseReportLintResults): exit code 1 when a finding is an error.</summary>
    private static Command Report(string workingDirectory, BuildMode buildMode)
    {
        var results = new Option<string>("--results") { Required = true };
        var command = new Command("report") { results };
        command.SetAction(parseResult =>
        {
            var log = new BuildModeLog(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            return BuildMode.ExitCode(LintStep.Report(Path.GetFullPath(parseResult.GetValue(results)!, workingDirectory), buildMode.Project(parseResult), log));
        });
        return command;
    }
}

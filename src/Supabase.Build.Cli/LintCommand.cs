using System.CommandLine;
using System.Text;
using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Reporting;

namespace Supabase.Build.Cli;

/// <summary><c>supabase-build lint [DIR|FILES...]</c>: the engine's lint over migrations, reported in one of four formats.</summary>
internal sealed class LintCommand : Command
{
    private static readonly char[] IdSeparators = { ',', ';', ' ' };

    private readonly string _workingDirectory;

    private readonly Argument<string[]> _paths = new("paths")
    {
        Description = "A migrations directory, or .sql files. Default: the nearest supabase/migrations from the current directory upward.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string> _format = SharedOptions.Format();
    private readonly Option<string?> _output = SharedOptions.Output();
    private readonly Option<string?> _parserLibrary = PushCommandSupport.ParserLibraryOption();
    private readonly Option<string[]> _noWarn = SharedOptions.NoWarn();
    private readonly Option<string[]> _schemas = SharedOptions.Schemas();

    private readonly Option<bool> _fix = new("--fix")
    {
        Description = "Apply the mechanical fixes (CONCURRENTLY, IF [NOT] EXISTS, NOT VALID + VALIDATE, lock_timeout, ...) to migrations not yet applied anywhere (not in the baseline), then report what is left.",
    };

    private readonly Option<string?> _baseline = new("--baseline")
    {
        Description = "Baseline of accepted findings to leave out. Default: lint-baseline.json beside the migrations folder (supabase/lint-baseline.json), when it exists.",
        HelpName = "file",
    };

    private readonly Option<bool> _noBaseline = new("--no-baseline")
    {
        Description = "Report every finding, ignoring any baseline.",
    };

    private readonly Option<bool> _writeBaseline = new("--write-baseline")
    {
        Description = "Write every current finding (and every migration file) to the baseline (--baseline, or supabase/lint-baseline.json) and exit 0.",
    };

    private readonly Option<string?> _since = new("--since")
    {
        Description = "A migration version: the SB1xxx rules skip files with an older version (syntax errors are still reported).",
        HelpName = "version",
    };

    private readonly Option<string[]> _include = new("--include")
    {
        Description = "Opt-in rules to run as well, e.g. SB1039 (require-table-schema).",
        HelpName = "ids",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _postgresVersion = new("--postgres-version")
    {
        Description = "The PostgreSQL major version the migrations run on (e.g. 15): syntax newer than it is SB1041. Default: [db] major_version of supabase/config.toml beside the migrations, else 17.",
        HelpName = "major",
    };

    public LintCommand(string workingDirectory)
        : base("lint", "Lint SQL migrations for unsafe operations and SQL that PostgreSQL rejects. Exit code: 0 clean or only warnings, 1 errors found, 2 usage error.")
    {
        _workingDirectory = workingDirectory;
        Arguments.Add(_paths);
        Options.Add(_format);
        Options.Add(_output);
        Options.Add(_parserLibrary);
        Options.Add(_noWarn);
        Options.Add(_include);
        Options.Add(_since);
        Options.Add(_schemas);
        Options.Add(_postgresVersion);
        Options.Add(_baseline);
        Options.Add(_noBaseline);
        Options.Add(_writeBaseline);
        Options.Add(_fix);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return Lint(parseResult, output, error);
        }
        catch (UsageException e)
        {
            error.WriteLine($"{CliApplication.CommandName}: {e.Message}");
            return ExitCodes.UsageError;
        }
    }

    private int Lint(ParseResult parseResult, TextWriter output, TextWriter error)
    {
        var sets = LintInputs.Resolve(parseResult.GetValue(_paths) ?? Array.Empty<string>(), _workingDirectory);
        var options = new LintOptions
        {
            DisabledRules = Ids(parseResult.GetValue(_noWarn)),
            IncludedRules = Ids(parseResult.GetValue(_include)),
            ExposedSchemas = Ids(parseResult.GetValue(_schemas)) is { Count: > 0 } schemas ? schemas : null,
            Since = parseResult.GetValue(_since),
            PostgresVersion = PostgresVersionOption(parseResult.GetValue(_postgresVersion)),
        };

        var linter = MigrationLinter.TryCreate(parseResult.GetValue(_parserLibrary), out var parserNotFound);
        if (linter is null)
        {
            // Without the parser nothing can be linted: say so, with what discovery found about the files.
            var found = new List<MigrationDiagnostic> { parserNotFound! };
            found.AddRange(sets.SelectMany(s => s.Diagnostics).Where(d => !options.DisabledRules.Any(d.Rule.IsNamedBy)));
            WriteReport(parseResult, found, ToolDiagnostics.All, output);
            output.Flush();
            error.WriteLine(Summary(0, 0, found, 0));
            return ExitCodes.ErrorsFound;
        }

        if (parseResult.GetValue(_writeBaseline))
        {
            return WriteBaselines(parseResult, linter, sets, options, error);
        }

        var baselines = sets.Select(set => LoadBaseline(parseResult, set)).ToList();
        var run = Run(linter, sets, baselines, options);
        if (parseResult.GetValue(_fix))
        {
            var outcome = FixApplier.Apply(run.Diagnostics, path => !baselines.Any(b => b?.CoversFile(path) == true));
            error.WriteLine($"{CliApplication.CommandName}: applied {Count(outcome.Applied, "fix", "fixes")} in {Count(outcome.ChangedFiles.Count, "file")}"
                            + (outcome.Skipped > 0 ? $", skipped {outcome.Skipped} (in baselined files or overlapping another fix)" : string.Empty));
            if (outcome.ChangedFiles.Count > 0)
            {
                // New migrations a fix created belong to the run too: discover again, then lint what is left.
                sets = LintInputs.Resolve(parseResult.GetValue(_paths) ?? Array.Empty<string>(), _workingDirectory);
                run = Run(linter, sets, baselines, options);
            }
        }

        WriteReport(parseResult, run.Diagnostics, linter.Descriptors, output);
        output.Flush(); // the report first, then the summary, when both go to one terminal
        error.WriteLine(Summary(run.Files, run.Statements, run.Diagnostics, run.Baselined));
        return run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? ExitCodes.ErrorsFound : ExitCodes.Success;
    }

    private static (List<MigrationDiagnostic> Diagnostics, int Files, int Statements, int Baselined) Run(
        MigrationLinter linter, IReadOnlyList<MigrationSet> sets, List<LintBaseline?> baselines, LintOptions options)
    {
        // Histories are independent: linting them side by side keeps every core busy while one history's replay
        // (serial by nature) runs. Results are gathered in the order given, so the report does not change.
        // The largest (in bytes) first, one at a time from the queue, so the longest replay and a lone huge file
        // (a seed.sql dump parses on one thread) start at once instead of ending the run alone.
        var results = new LintResult[sets.Count];
        var sizes = sets.Select(set => set.Files.Sum(f => SizeOf(f.Path))).ToList();
        var largestFirst = Enumerable.Range(0, sets.Count).OrderByDescending(i => sizes[i]).ToList();
        CollectorBudget.StartFor(sizes.Sum());
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(largestFirst, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = linter.Lint(sets[i], options with { Baseline = i < baselines.Count ? baselines[i] : null }));

        var diagnostics = new List<MigrationDiagnostic>();
        int files = 0, statements = 0, baselined = 0;
        foreach (var result in results)
        {
            diagnostics.AddRange(result.Diagnostics);
            files += result.FileCount;
            statements += result.StatementCount;
            baselined += result.BaselinedCount;
        }

        return (diagnostics, files, statements, baselined);
    }

    private static long SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // the lint reports the file; its size only orders the work
        }
    }

    private int WriteBaselines(ParseResult parseResult, MigrationLinter linter, IReadOnlyList<MigrationSet> sets, LintOptions options, TextWriter error)
    {
        foreach (var set in sets)
        {
            var path = BaselinePath(parseResult, set)
                ?? throw new UsageException("--write-baseline needs a migrations folder or --baseline FILE");
            var result = linter.Lint(set, options);
            var baseline = LintBaseline.From(result.Diagnostics, set.Files.Select(f => f.Path));
            try
            {
                baseline.Save(path, CliApplication.Version);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write the baseline '{path}': {e.Message}", e);
            }

            error.WriteLine($"{CliApplication.CommandName}: wrote {Count(baseline.Findings.Count, "finding")} of {Count(set.Files.Count, "file")} to {path}");
        }

        return ExitCodes.Success;
    }

    private LintBaseline? LoadBaseline(ParseResult parseResult, MigrationSet set)
    {
        if (parseResult.GetValue(_noBaseline) || BaselinePath(parseResult, set) is not { } path)
        {
            return null;
        }

        var explicitPath = parseResult.GetValue(_baseline) is not null;
        if (!File.Exists(path))
        {
            return explicitPath ? throw new UsageException($"the baseline '{parseResult.GetValue(_baseline)}' does not exist") : null;
        }

        try
        {
            return LintBaseline.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new UsageException($"cannot read the baseline '{path}': {e.Message}", e);
        }
    }

    /// <summary>--baseline, else lint-baseline.json beside the set's migrations folder (none for loose files).</summary>
    private string? BaselinePath(ParseResult parseResult, MigrationSet set) =>
        parseResult.GetValue(_baseline) is { } explicitPath
            ? Path.GetFullPath(explicitPath, _workingDirectory)
            : set.Directory is { } directory && Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)) == "migrations"
                ? LintBaseline.DefaultPathFor(directory)
                : null;

    /// <summary>--postgres-version: a major version wins over config.toml; anything else is a usage error, not a guess.</summary>
    internal static PostgresVersion? PostgresVersionOption(string? value) =>
        value is null ? null
        : PostgresVersion.TryParseMajor(value, out var major) ? PostgresVersion.FromCommandLine(major)
        : throw new UsageException($"--postgres-version '{value}' is not a PostgreSQL major version; give a number such as 15 or 17");

    private static List<string> Ids(string[]? values) =>
        (values ?? Array.Empty<string>())
            .SelectMany(v => v.Split(IdSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();

    private void WriteReport(ParseResult parseResult, IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> catalogue, TextWriter standardOutput) =>
        new ReportRenderer(_workingDirectory).Write(parseResult.GetValue(_format) ?? ReportFormat.Text, parseResult.GetValue(_output), diagnostics, catalogue, standardOutput);

    private static string Summary(int files, int statements, IReadOnlyList<MigrationDiagnostic> diagnostics, int baselined)
    {
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        var info = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Info);
        var summary = $"{Count(files, "file")}, {Count(statements, "statement")}: {Count(errors, "error")}, {Count(warnings, "warning")}";
        summary = info > 0 ? $"{summary}, {info} info" : summary;
        return baselined > 0 ? $"{summary} ({baselined} more in the baseline)" : summary;
    }

    private static string Count(int n, string noun, string? plural = null) => n == 1 ? $"1 {noun}" : $"{n} {plural ?? noun + "s"}";
}

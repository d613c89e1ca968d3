using System.CommandLine;
using System.Text;
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

    private readonly Option<string> _format = new("--format", "-f")
    {
        Description = "Report format: text (path(line,col): error ID: message), json, sarif (SARIF 2.1.0) or github (Actions annotations).",
        DefaultValueFactory = _ => ReportFormat.Text,
        HelpName = "text|json|sarif|github",
    };

    private readonly Option<string?> _output = new("--output", "-o")
    {
        Description = "Write the report to this file instead of standard output.",
        HelpName = "file",
    };

    private readonly Option<string?> _parserLibrary = new("--parser-library")
    {
        Description = "Path of libpg_query to use when the bundled copy cannot be loaded (also SUPABASE_PGQUERY_LIBRARY).",
        HelpName = "path",
    };

    private readonly Option<string[]> _noWarn = new("--no-warn")
    {
        Description = "Rule ids or names not to run or report, separated by commas or given more than once (e.g. SB1003,SB0002).",
        HelpName = "ids",
        AllowMultipleArgumentsPerToken = false,
    };

    public LintCommand(string workingDirectory)
        : base("lint", "Lint SQL migrations for unsafe operations and SQL that PostgreSQL rejects. Exit code: 0 clean or only warnings, 1 errors found, 2 usage error.")
    {
        _workingDirectory = workingDirectory;
        _format.AcceptOnlyFromAmong(ReportFormat.All);
        Arguments.Add(_paths);
        Options.Add(_format);
        Options.Add(_output);
        Options.Add(_parserLibrary);
        Options.Add(_noWarn);
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
            DisabledRules = (parseResult.GetValue(_noWarn) ?? Array.Empty<string>())
                .SelectMany(v => v.Split(IdSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList(),
        };

        var diagnostics = new List<MigrationDiagnostic>();
        int files = 0, statements = 0;
        IEnumerable<RuleDescriptor> catalogue;
        var linter = MigrationLinter.TryCreate(parseResult.GetValue(_parserLibrary), out var parserNotFound);
        if (linter is null)
        {
            // Without the parser nothing can be linted: say so, with what discovery found about the files.
            diagnostics.Add(parserNotFound!);
            diagnostics.AddRange(sets.SelectMany(s => s.Diagnostics).Where(d => !options.DisabledRules.Any(d.Rule.IsNamedBy)));
            catalogue = ToolDiagnostics.All;
        }
        else
        {
            foreach (var result in sets.Select(set => linter.Lint(set, options)))
            {
                diagnostics.AddRange(result.Diagnostics);
                files += result.FileCount;
                statements += result.StatementCount;
            }

            catalogue = linter.Descriptors;
        }

        WriteReport(parseResult, diagnostics, catalogue, output);
        output.Flush(); // the report first, then the summary, when both go to one terminal
        error.WriteLine(Summary(files, statements, diagnostics));
        return diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? ExitCodes.ErrorsFound : ExitCodes.Success;
    }

    private void WriteReport(ParseResult parseResult, IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> catalogue, TextWriter standardOutput)
    {
        var format = parseResult.GetValue(_format) ?? ReportFormat.Text;
        var report = Render(format, diagnostics, catalogue);
        var outputPath = parseResult.GetValue(_output);
        if (outputPath is null)
        {
            standardOutput.Write(report);
            return;
        }

        var fullPath = Path.GetFullPath(outputPath, _workingDirectory);
        try
        {
            File.WriteAllText(fullPath, report, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write the report to '{outputPath}': {e.Message}", e);
        }
    }

    private string Render(string format, IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> catalogue)
    {
        switch (format)
        {
            case ReportFormat.Json:
                return RenderStream(stream => JsonReport.Write(stream, diagnostics));
            case ReportFormat.Sarif:
                return RenderStream(stream => SarifWriter.Write(stream, diagnostics, catalogue, CliApplication.Version, SourceRoot()));
            case ReportFormat.GitHub:
                var root = SourceRoot();
                return Lines(diagnostics.Select(d => GitHubFormatter.Format(d, root)));
            default:
                return Lines(diagnostics.Select(TextFormatter.Format));
        }
    }

    /// <summary>Paths in SARIF and GitHub annotations are relative to the checkout: $GITHUB_WORKSPACE in Actions, else the current directory.</summary>
    private string SourceRoot()
    {
        var workspace = Environment.GetEnvironmentVariable("GITHUB_WORKSPACE");
        return string.IsNullOrEmpty(workspace) ? _workingDirectory : workspace;
    }

    private static string RenderStream(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static string Lines(IEnumerable<string> lines)
    {
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    private static string Summary(int files, int statements, IReadOnlyList<MigrationDiagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        var info = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Info);
        var summary = $"{Count(files, "file")}, {Count(statements, "statement")}: {Count(errors, "error")}, {Count(warnings, "warning")}";
        return info > 0 ? $"{summary}, {info} info" : summary;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}

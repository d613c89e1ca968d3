using System.CommandLine;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Push;
using Supabase.Build.Migrations.Reporting;

namespace Supabase.Build.Cli;

/// <summary>What push, status and new share: the migrations folder argument, the database option, printing.</summary>
internal static class PushCommandSupport
{
    /// <summary>Exit code of a command stopped by Ctrl+C or SIGTERM (128 + SIGINT), as shells report it.</summary>
    public const int Cancelled = 130;

    public static Argument<string?> DirectoryArgument(string verb) => new("dir")
    {
        Description = $"The migrations folder (or a project folder holding supabase/migrations) to {verb}. Default: the nearest supabase/migrations from the current directory upward.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<string?> DatabaseUrlOption() => new("--db-url")
    {
        Description = "The database: a postgresql:// URL or an Npgsql connection string. Default: SUPABASE_DB_URL, else the Supabase CLI's local database postgresql://postgres:postgres@127.0.0.1:54322/postgres.",
        HelpName = "url",
    };

    public static Option<string?> ParserLibraryOption() => new("--parser-library")
    {
        Description = "Path of libpg_query to use when the bundled copy cannot be loaded (also SUPABASE_PGQUERY_LIBRARY).",
        HelpName = "path",
    };

    /// <summary>The migrations folder: the argument (a project folder means its supabase/migrations), else the nearest one upward.</summary>
    public static string ResolveDirectory(string? path, string workingDirectory)
    {
        if (string.IsNullOrEmpty(path))
        {
            return MigrationDirectoryLocator.FindFrom(workingDirectory)
                ?? throw new UsageException(
                    $"no supabase/migrations folder found in '{workingDirectory}' or any folder above it; run in a Supabase project or pass the migrations folder");
        }

        var full = Path.GetFullPath(path, workingDirectory);
        if (!Directory.Exists(full))
        {
            throw new UsageException(path.StartsWith('-') ? $"unknown option '{path}'" : $"'{path}' is not a folder");
        }

        var nested = Path.Combine(full, "supabase", "migrations");
        return Directory.Exists(nested) && !Directory.EnumerateFiles(full, "*.sql").Any() ? nested : full;
    }

    /// <summary>A diagnostic as a compiler prints it: <c>path(line,col): error ID: message</c>, or <c>supabase-build: error ID: message</c> when it is about no file.</summary>
    public static string Format(MigrationDiagnostic diagnostic) =>
        File.Exists(diagnostic.FilePath)
            ? TextFormatter.Format(diagnostic)
            : $"{CliApplication.CommandName}: {Severity(diagnostic.Severity)} {diagnostic.Id}: {diagnostic.Message}";

    private static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    public static string[] SplitIds(IEnumerable<string>? values) =>
        (values ?? Array.Empty<string>())
            .SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
}

/// <summary>Push progress on the terminal: findings on standard error, progress lines on standard output.</summary>
internal sealed class ConsoleProgress(TextWriter output, TextWriter error, bool verbose) : IProgress<PushEvent>
{
    public void Report(PushEvent value)
    {
        switch (value.Kind)
        {
            case PushEventKind.Diagnostic when value.Diagnostic is not null:
                output.Flush();
                error.WriteLine(PushCommandSupport.Format(value.Diagnostic));
                break;
            case PushEventKind.Detail when !verbose:
                break;
            case PushEventKind.ServerNotice when !verbose && !value.Message.StartsWith("WARNING", StringComparison.Ordinal):
                break;
            default:
                output.WriteLine(value.Message);
                output.Flush();
                break;
        }
    }
}

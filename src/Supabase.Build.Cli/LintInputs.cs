using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;

namespace Supabase.Build.Cli;

/// <summary>
/// Turns the paths of <c>supabase-build lint</c> into migration sets for the engine:
/// <list type="bullet">
/// <item>none: the nearest <c>supabase/migrations</c> from the working directory upward;</item>
/// <item>a directory: its migrations, by the Supabase CLI's rules (a project directory with a
/// <c>supabase/migrations</c> folder and no .sql files of its own means that folder);</item>
/// <item>files: linted whatever their names, as any linter lints a file it is handed; the files of one directory
/// form one set, so versions used twice in it are still SB0002 errors.</item>
/// </list>
/// </summary>
internal static class LintInputs
{
    public static IReadOnlyList<MigrationSet> Resolve(IReadOnlyList<string> paths, string workingDirectory)
    {
        if (paths.Count == 0)
        {
            var found = MigrationDirectoryLocator.FindFrom(workingDirectory)
                ?? throw new UsageException(
                    $"no supabase/migrations folder found in '{workingDirectory}' or any folder above it; run in a Supabase project or pass a migrations directory or .sql files");
            return new[] { MigrationDiscovery.Discover(found) };
        }

        var sets = new List<MigrationSet>();
        var files = new List<string>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, workingDirectory);
            if (Directory.Exists(full))
            {
                sets.Add(MigrationDiscovery.Discover(MigrationsFolderOf(full)));
            }
            else if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (path.StartsWith('-'))
            {
                throw new UsageException($"unknown option '{path}'; run '{CliApplication.CommandName} lint --help' for the options");
            }
            else
            {
                throw new UsageException($"'{path}' does not exist");
            }
        }

        foreach (var directory in files.GroupBy(f => Path.GetDirectoryName(f)!, StringComparer.Ordinal))
        {
            sets.Add(NamedFiles(directory.Key, directory.ToList()));
        }

        return sets;
    }

    private static string MigrationsFolderOf(string directory)
    {
        var nested = Path.Combine(directory, "supabase", "migrations");
        return Directory.Exists(nested) && !Directory.EnumerateFiles(directory, "*.sql").Any() ? nested : directory;
    }

    /// <summary>
    /// The engine orders the files and checks versions; a file it would skip for its name is linted all the same
    /// (it was asked for by name) and its SB0002 naming warning dropped.
    /// </summary>
    private static MigrationSet NamedFiles(string directory, IReadOnlyList<string> paths)
    {
        var set = MigrationDiscovery.FromFiles(paths, directory);
        var named = new HashSet<string>(paths, StringComparer.Ordinal);
        var byPath = set.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var files = named
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .Select(p => byPath.TryGetValue(p, out var file) ? file : new MigrationFile(p, string.Empty, Path.GetFileNameWithoutExtension(p)))
            .ToList();
        var diagnostics = set.Diagnostics
            .Where(d => !(d.Rule == ToolDiagnostics.InvalidMigrationFile && d.Severity == DiagnosticSeverity.Warning && named.Contains(d.FilePath)))
            .ToList();
        return new MigrationSet(directory, files, diagnostics);
    }
}

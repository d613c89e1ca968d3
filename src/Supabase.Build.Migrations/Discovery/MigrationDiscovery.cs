using System.Text.RegularExpressions;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Discovery;

/// <summary>
/// Finds migrations with the Supabase CLI's rule: <c>&lt;digits&gt;_&lt;name&gt;.sql</c>, applied in file-name order
/// (for same-length timestamps that is version order). Other <c>.sql</c> files are skipped with SB0002, as the CLI
/// skips them; a version used twice is an SB0002 error (a push could not record both).
/// </summary>
public static class MigrationDiscovery
{
    private static readonly Regex MigrationFileName = new(@"^(?<version>[0-9]+)_(?<name>.*)\.sql$", RegexOptions.CultureInvariant);

    public const string ExpectedPattern = "<digits>_<name>.sql, e.g. 20240101120000_create_profiles.sql";

    /// <summary>Every <c>.sql</c> file directly in <paramref name="directory"/>.</summary>
    public static MigrationSet Discover(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            var missing = MigrationDiagnostic.ForFile(
                ToolDiagnostics.MigrationsDirectoryNotFound,
                directory,
                $"the migrations directory '{directory}' does not exist; create it or point SupabaseMigrationsDirectory at the folder that holds <version>_<name>.sql files");
            return new MigrationSet(directory, Array.Empty<MigrationFile>(), new[] { missing });
        }

        // Any casing, on every OS: the CLI skips 'x.SQL', and the user should hear about it instead of wondering.
        var files = System.IO.Directory.EnumerateFiles(directory, "*.sql", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive });
        return FromFiles(files, directory);
    }

    /// <summary>The given files (e.g. MSBuild items or CLI arguments), ordered and checked like a directory.</summary>
    public static MigrationSet FromFiles(IEnumerable<string> paths, string? directory = null)
    {
        var diagnostics = new List<MigrationDiagnostic>();
        var files = new List<MigrationFile>();
        foreach (var path in paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).OrderBy(Path.GetFileName, StringComparer.Ordinal))
        {
            var match = MigrationFileName.Match(Path.GetFileName(path));
            if (!match.Success && Path.GetExtension(path) is { } extension && extension != ".sql"
                && MigrationFileName.IsMatch(Path.ChangeExtension(Path.GetFileName(path), ".sql")))
            {
                diagnostics.Add(MigrationDiagnostic.ForFile(
                    ToolDiagnostics.InvalidMigrationFile,
                    path,
                    $"'{Path.GetFileName(path)}' ends in '{extension}': the Supabase CLI applies only files ending in lower-case .sql and skips it, and so does this tool; rename it to '{Path.ChangeExtension(Path.GetFileName(path), ".sql")}'"));
                continue;
            }

            if (!match.Success)
            {
                diagnostics.Add(MigrationDiagnostic.ForFile(
                    ToolDiagnostics.InvalidMigrationFile,
                    path,
                    $"'{Path.GetFileName(path)}' is not a migration file name and is skipped, as the Supabase CLI skips it; rename it to {ExpectedPattern}"));
                continue;
            }

            files.Add(new MigrationFile(path, match.Groups["version"].Value, match.Groups["name"].Value));
        }

        var unique = new List<MigrationFile>();
        foreach (var group in files.GroupBy(f => f.Version, StringComparer.Ordinal))
        {
            var first = group.First();
            unique.Add(first);
            foreach (var duplicate in group.Skip(1))
            {
                diagnostics.Add(MigrationDiagnostic.ForFile(
                    ToolDiagnostics.InvalidMigrationFile,
                    duplicate.Path,
                    $"version {duplicate.Version} is already used by '{first.FileName}'; every migration needs its own version, so give this file a new timestamp",
                    DiagnosticSeverity.Error));
            }
        }

        unique.Sort((a, b) => StringComparer.Ordinal.Compare(a.FileName, b.FileName));
        return new MigrationSet(directory, unique, diagnostics);
    }
}

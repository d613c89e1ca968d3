using System.Globalization;
using Supabase.Build.Migrations.Database;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Push;

/// <summary>
/// Reads the push settings as the adapters receive them (MSBuild property strings, CLI option strings) and says, as
/// SB0504, what is wrong with one, so MSBuild and the CLI accept and refuse the same values with the same words.
/// </summary>
public static class PushSettings
{
    /// <summary>A timeout such as <c>5s</c> (see <see cref="PostgresDuration"/>); null for none.</summary>
    public static bool TryDuration(string name, string? value, string location, ICollection<MigrationDiagnostic> errors, out TimeSpan? duration)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (PostgresDuration.TryParse(value, out duration))
        {
            return true;
        }

        errors.Add(MigrationDiagnostic.ForFile(
            PushDiagnostics.InvalidSetting, location, $"{name} '{value}' is not a duration: write it as PostgreSQL does, e.g. 5s, 500ms, 2min, or 0 for none"));
        return false;
    }

    /// <summary>A whole number of seconds, at least 0.</summary>
    public static bool TrySeconds(string name, string? value, TimeSpan fallback, string location, ICollection<MigrationDiagnostic> errors, out TimeSpan seconds)
    {
        ArgumentNullException.ThrowIfNull(errors);
        seconds = fallback;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            seconds = TimeSpan.FromSeconds(parsed);
            return true;
        }

        errors.Add(MigrationDiagnostic.ForFile(PushDiagnostics.InvalidSetting, location, $"{name} '{value}' is not a whole number of seconds"));
        return false;
    }

    /// <summary>
    /// The database: <paramref name="configured"/> (the property or option), else SUPABASE_DB_URL, else the local default.
    /// A value that is neither a URL nor a connection string is SB0504, without the value in the message.
    /// </summary>
    public static DatabaseTarget? TryTarget(string? configured, string configuredName, string location, ICollection<MigrationDiagnostic> errors, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return DatabaseTarget.Resolve(configured, configuredName, environment);
        }
        catch (FormatException e)
        {
            errors.Add(MigrationDiagnostic.ForFile(PushDiagnostics.InvalidSetting, location, e.Message));
            return null;
        }
    }

    /// <summary>
    /// The seed file for IncludeSeed: <paramref name="configured"/> when set (it must exist; the push says so if not),
    /// else <c>seed.sql</c> beside the migrations folder (<c>supabase/seed.sql</c>) when there is one.
    /// </summary>
    public static IReadOnlyList<string> SeedFiles(bool includeSeed, string? configured, string migrationsDirectory)
    {
        if (!includeSeed)
        {
            return Array.Empty<string>();
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new[] { Path.GetFullPath(configured) };
        }

        var supabase = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(migrationsDirectory)));
        var seed = supabase is null ? null : Path.Combine(supabase, "seed.sql");
        return seed is not null && File.Exists(seed) ? new[] { seed } : Array.Empty<string>();
    }

    /// <summary>
    /// Where a new migration goes when none is configured: the nearest <c>supabase/migrations</c> at or above
    /// <paramref name="startDirectory"/>, else <c>migrations</c> in the nearest <c>supabase</c> folder, else
    /// <c>supabase/migrations</c> in <paramref name="startDirectory"/> (as <c>supabase migration new</c> creates it).
    /// </summary>
    public static string NewMigrationDirectory(string startDirectory)
    {
        var found = Discovery.MigrationDirectoryLocator.FindFrom(startDirectory);
        if (found is not null)
        {
            return found;
        }

        for (var directory = new DirectoryInfo(Path.GetFullPath(startDirectory)); directory is not null; directory = directory.Parent)
        {
            var supabase = Path.Combine(directory.FullName, "supabase");
            if (File.Exists(Path.Combine(supabase, "config.toml")))
            {
                return Path.Combine(supabase, "migrations");
            }
        }

        return Path.Combine(Path.GetFullPath(startDirectory), "supabase", "migrations");
    }
}

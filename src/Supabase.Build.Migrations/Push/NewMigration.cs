using System.Globalization;
using System.Text.RegularExpressions;

namespace Supabase.Build.Migrations.Push;

/// <summary>The outcome of <see cref="NewMigration.Create"/>: the new file, or why there is none.</summary>
public sealed record NewMigrationResult(string? Path, string? Error)
{
    public bool Succeeded => Path is not null;
}

/// <summary>
/// Creates an empty migration file named as the Supabase CLI's <c>supabase migration new</c> names it:
/// <c>&lt;UTC yyyyMMddHHmmss&gt;_&lt;name&gt;.sql</c>. A version already taken in the folder (two files created within a
/// second) moves on by a second, so versions stay unique.
/// </summary>
public static class NewMigration
{
    public const string VersionFormat = "yyyyMMddHHmmss";

    private static readonly Regex ValidName = new("^[A-Za-z0-9_][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant);

    public static NewMigrationResult Create(string migrationsDirectory, string? name, DateTime utcNow)
    {
        ArgumentException.ThrowIfNullOrEmpty(migrationsDirectory);
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return new NewMigrationResult(null, "a migration needs a name, e.g. add_profiles");
        }

        if (!ValidName.IsMatch(name) || name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
        {
            return new NewMigrationResult(
                null,
                $"'{name}' is not a usable migration name: use letters, digits, '_', '-' and '.', e.g. {Suggest(name)} (the file becomes <timestamp>_<name>.sql)");
        }

        try
        {
            Directory.CreateDirectory(migrationsDirectory);
            var time = utcNow.Kind == DateTimeKind.Local ? utcNow.ToUniversalTime() : utcNow;
            for (var attempt = 0; attempt < 3600; attempt++, time = time.AddSeconds(1))
            {
                var version = time.ToString(VersionFormat, CultureInfo.InvariantCulture);
                if (Directory.EnumerateFiles(migrationsDirectory, version + "_*.sql").Any())
                {
                    continue;
                }

                var path = System.IO.Path.Combine(migrationsDirectory, $"{version}_{name}.sql");
                try
                {
                    using (new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                    {
                    }

                    return new NewMigrationResult(path, null);
                }
                catch (IOException) when (File.Exists(path))
                {
                    // Created by someone else in the meantime: try the next second.
                }
            }

            return new NewMigrationResult(null, $"every version of the next hour after {utcNow:u} is taken in '{migrationsDirectory}'");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new NewMigrationResult(null, $"could not create the migration in '{migrationsDirectory}': {e.Message}");
        }
    }

    private static string Suggest(string name)
    {
        var cleaned = Regex.Replace(name.Trim().ToLowerInvariant(), "[^a-z0-9_.-]+", "_").Trim('_');
        if (cleaned.EndsWith(".sql", StringComparison.Ordinal))
        {
            cleaned = cleaned[..^4];
        }

        return cleaned.Length > 0 ? cleaned : "add_profiles";
    }
}

using Tomlyn;
using Tomlyn.Model;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// What the lint reads from the Supabase CLI's <c>supabase/config.toml</c> (beside the migrations folder):
/// <c>[db] major_version</c>. A missing or unreadable file means the defaults.
/// </summary>
public static class SupabaseProjectSettings
{
    /// <summary>The PostgreSQL major version of the project whose migrations are in <paramref name="migrationsDirectory"/>, or null.</summary>
    public static int? ReadMajorVersion(string? migrationsDirectory)
    {
        if (string.IsNullOrEmpty(migrationsDirectory))
        {
            return null;
        }

        var config = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(migrationsDirectory)))!, "config.toml");
        if (!File.Exists(config))
        {
            return null;
        }

        try
        {
            var model = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(config));
            return model is not null && model.TryGetValue("db", out var db) && db is TomlTable table && table.TryGetValue("major_version", out var version)
                ? version switch
                {
                    long number when number is > 0 and < 1000 => (int)number,
                    string text when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
                    _ => null,
                }
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TomlException)
        {
            return null;
        }
    }
}

using System.Globalization;

namespace Supabase.Build.Migrations.Configuration;

/// <summary>Who decided the PostgreSQL major version of a lint (a message that depends on the version names it).</summary>
public enum PostgresVersionSource
{
    /// <summary>Nothing said: <see cref="SupabaseConfig.DefaultMajorVersion"/>, what <c>supabase init</c> writes today.</summary>
    Default,

    /// <summary><c>supabase/config.toml</c> <c>[db] major_version</c>.</summary>
    ConfigToml,

    /// <summary>The MSBuild property <c>SupabasePostgresVersion</c>.</summary>
    MsBuildProperty,

    /// <summary><c>supabase-build lint --postgres-version</c>.</summary>
    CommandLine,

    /// <summary>Code that uses the engine directly (tests, tools).</summary>
    Caller,
}

/// <summary>
/// The PostgreSQL major version the migrations will run on, and where that was said. The parser is always
/// PostgreSQL 17's; this decides what the project's server accepts (SB1041) and how the version-dependent rules judge.
/// </summary>
public sealed record PostgresVersion(int Major, PostgresVersionSource Source)
{
    /// <summary>The oldest major version accepted in a setting: majors have been one number since PostgreSQL 10.</summary>
    public const int OldestMajor = 10;

    public static PostgresVersion Default { get; } = new(SupabaseConfig.DefaultMajorVersion, PostgresVersionSource.Default);

    public static PostgresVersion FromConfigToml(int major) => new(major, PostgresVersionSource.ConfigToml);

    public static PostgresVersion FromProperty(int major) => new(major, PostgresVersionSource.MsBuildProperty);

    public static PostgresVersion FromCommandLine(int major) => new(major, PostgresVersionSource.CommandLine);

    public static PostgresVersion Given(int major) => new(major, PostgresVersionSource.Caller);

    /// <summary>
    /// Where the version came from, in the words the user wrote it: <c>supabase/config.toml says major_version = 15</c>,
    /// <c>SupabasePostgresVersion says 15</c>, <c>--postgres-version 15</c>.
    /// </summary>
    public string Describe()
    {
        var major = Major.ToString(CultureInfo.InvariantCulture);
        return Source switch
        {
            PostgresVersionSource.ConfigToml => $"supabase/config.toml says major_version = {major}",
            PostgresVersionSource.MsBuildProperty => $"SupabasePostgresVersion says {major}",
            PostgresVersionSource.CommandLine => $"--postgres-version {major}",
            PostgresVersionSource.Default => $"the project is on PostgreSQL {major} (no [db] major_version in supabase/config.toml)",
            _ => $"the migrations run on PostgreSQL {major}",
        };
    }

    /// <summary>
    /// A major version as a setting spells it (<c>15</c>); false for anything else (<c>15.4</c>, <c>fifteen</c>, <c>9</c>),
    /// which the adapters report instead of guessing.
    /// </summary>
    public static bool TryParseMajor(string? text, out int major) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out major) && major >= OldestMajor;
}

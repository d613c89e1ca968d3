using Tomlyn;
using Tomlyn.Model;

namespace Supabase.Build.Migrations.Configuration;

/// <summary>
/// The parts of the Supabase CLI's <c>supabase/config.toml</c> this tool reads: <c>[api] schemas</c> (the schemas the
/// API exposes: what models are generated for, and what the security rules call exposed) and <c>[db] major_version</c>.
/// Read with a real TOML parser (Tomlyn). <c>schemas = []</c> is kept empty (the API exposes nothing). A missing file gives the defaults; a malformed one a <see cref="FormatException"/>
/// naming the file, line and column. <see cref="PostgresVersion"/> remembers whether the file named the version, so
/// a message can say <c>supabase/config.toml says major_version = 15</c>.
/// </summary>
public sealed record SupabaseConfig(IReadOnlyList<string> ApiSchemas, PostgresVersion PostgresVersion, string? Path)
{
    public static readonly IReadOnlyList<string> DefaultSchemas = new[] { "public" };

    /// <summary>
    /// The major version when config.toml does not say: 17, what <c>supabase init</c> writes today (and the grammar the
    /// parser has, so a project that never set it is not held to an older server's syntax).
    /// </summary>
    public const int DefaultMajorVersion = 17;

    public static SupabaseConfig Default { get; } = new(DefaultSchemas, PostgresVersion.Default, null);

    /// <summary>The PostgreSQL major version the project's database runs.</summary>
    public int MajorVersion => PostgresVersion.Major;

    /// <summary><c>supabase/config.toml</c> beside a migrations folder (<c>supabase/migrations</c>), when it exists.</summary>
    public static string? PathBeside(string migrationsDirectory)
    {
        var supabase = System.IO.Path.GetDirectoryName(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(migrationsDirectory)));
        var path = supabase is null ? null : System.IO.Path.Combine(supabase, "config.toml");
        return path is not null && File.Exists(path) ? path : null;
    }

    /// <summary>Reads the file, or returns <see cref="Default"/> when <paramref name="path"/> is null or absent.</summary>
    public static SupabaseConfig Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return Default;
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>
    /// The config.toml beside <paramref name="migrationsDirectory"/> (defaults when there is none). One that cannot be
    /// read adds SB0009 to <paramref name="diagnostics"/> and gives the defaults, so the lint still runs.
    /// </summary>
    public static SupabaseConfig LoadBeside(string? migrationsDirectory, ICollection<Diagnostics.MigrationDiagnostic> diagnostics)
    {
        var path = !string.IsNullOrEmpty(migrationsDirectory) && Directory.Exists(migrationsDirectory) ? PathBeside(migrationsDirectory) : null;
        try
        {
            return Load(path);
        }
        catch (FormatException e)
        {
            diagnostics.Add(Diagnostics.MigrationDiagnostic.ForFile(Diagnostics.ToolDiagnostics.InvalidConfig, path!, e.Message) with { Fingerprint = "SB0009:config.toml" });
            return Default;
        }
    }

    public static SupabaseConfig Parse(string toml, string? path = null)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
        }
        catch (TomlException e)
        {
            throw new FormatException($"{path ?? "config.toml"}{e.Message.Split('\n')[0]}", e);
        }

        var schemas = DefaultSchemas;
        if (table.TryGetValue("api", out var api) && api is TomlTable apiTable && apiTable.TryGetValue("schemas", out var list))
        {
            if (list is not TomlArray array || array.Any(v => v is not string))
            {
                throw new FormatException($"{path ?? "config.toml"}: [api] schemas must be an array of strings, e.g. schemas = [\"public\", \"graphql_public\"]");
            }

            schemas = array.Cast<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        }

        var postgres = PostgresVersion.Default;
        if (table.TryGetValue("db", out var db) && db is TomlTable dbTable && dbTable.TryGetValue("major_version", out var version))
        {
            postgres = version is long number and >= PostgresVersion.OldestMajor and <= int.MaxValue
                ? PostgresVersion.FromConfigToml((int)number)
                : throw new FormatException($"{path ?? "config.toml"}: [db] major_version must be a PostgreSQL major version, e.g. major_version = 17");
        }

        return new SupabaseConfig(schemas, postgres, path);
    }
}

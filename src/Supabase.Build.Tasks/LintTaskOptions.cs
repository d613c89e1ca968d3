using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Linting;

namespace Supabase.Build.Tasks;

/// <summary>The lint's MSBuild properties as engine options: the one mapping the build's lint and the baseline share.</summary>
internal static class LintTaskOptions
{
    /// <param name="disabledRules">NoWarn, split.</param>
    /// <param name="include">SupabaseLintInclude.</param>
    /// <param name="since">SupabaseLintSince.</param>
    /// <param name="apiSchemas">SupabaseApiSchemas; empty: supabase/config.toml.</param>
    /// <param name="postgresVersion">SupabasePostgresVersion, checked by <see cref="TryPostgresVersion"/>; null: supabase/config.toml.</param>
    public static LintOptions From(IReadOnlyCollection<string> disabledRules, string? include, string? since, string? apiSchemas, PostgresVersion? postgresVersion) => new()
    {
        DisabledRules = disabledRules,
        IncludedRules = SeverityPolicy.Split(include),
        ExposedSchemas = SeverityPolicy.Split(apiSchemas) is { Length: > 0 } schemas ? schemas : null,
        Since = string.IsNullOrWhiteSpace(since) ? null : since.Trim(),
        PostgresVersion = postgresVersion,
    };

    /// <summary>
    /// SupabasePostgresVersion: empty is null (config.toml decides), a major version wins over config.toml, anything
    /// else is SB0009 (a lint against a guessed version would report the wrong things), logged on the project.
    /// </summary>
    public static bool TryPostgresVersion(string? property, Microsoft.Build.Utilities.TaskLoggingHelper log, string? projectFile, out PostgresVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(property))
        {
            return true;
        }

        if (PostgresVersion.TryParseMajor(property, out var major))
        {
            version = PostgresVersion.FromProperty(major);
            return true;
        }

        // Named by the property, not a file: the log places it on the project, without a line.
        DiagnosticLog.Log(log, MigrationDiagnostic.ForFile(
            ToolDiagnostics.InvalidConfig,
            "SupabasePostgresVersion",
            $"SupabasePostgresVersion '{property.Trim()}' is not a PostgreSQL major version; set a number such as 15 or 17, or leave it empty to use supabase/config.toml [db] major_version"), projectFile);
        return false;
    }
}

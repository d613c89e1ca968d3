using Supabase.Build.Migrations.Linting;

namespace Supabase.Build.Tasks;

/// <summary>The lint's MSBuild properties as engine options: the one mapping the build's lint and the baseline share.</summary>
internal static class LintTaskOptions
{
    /// <param name="disabledRules">NoWarn, split.</param>
    /// <param name="include">SupabaseLintInclude.</param>
    /// <param name="since">SupabaseLintSince.</param>
    /// <param name="apiSchemas">SupabaseApiSchemas; empty: supabase/config.toml.</param>
    public static LintOptions From(IReadOnlyCollection<string> disabledRules, string? include, string? since, string? apiSchemas) => new()
    {
        DisabledRules = disabledRules,
        IncludedRules = SeverityPolicy.Split(include),
        ExposedSchemas = SeverityPolicy.Split(apiSchemas) is { Length: > 0 } schemas ? schemas : null,
        Since = string.IsNullOrWhiteSpace(since) ? null : since.Trim(),
    };
}

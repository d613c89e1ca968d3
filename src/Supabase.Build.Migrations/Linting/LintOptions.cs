using Supabase.Build.Migrations.Configuration;

namespace Supabase.Build.Migrations.Linting;

/// <summary>How a lint run is configured by its adapter (MSBuild properties, CLI options).</summary>
public sealed record LintOptions
{
    /// <summary>The PostgreSQL major version assumed when nothing says (the Supabase default: one value, kept by the config).</summary>
    public const int DefaultPostgresMajorVersion = SupabaseConfig.DefaultMajorVersion;

    /// <summary>Rule ids or names that are not run at all (MSBuild's NoWarn lands here).</summary>
    public IReadOnlyCollection<string> DisabledRules { get; init; } = Array.Empty<string>();

    /// <summary>Opt-in rules to run as well (ids or names), e.g. SB1039 require-table-schema.</summary>
    public IReadOnlyCollection<string> IncludedRules { get; init; } = Array.Empty<string>();

    /// <summary>Files linted at once; 0 means one per processor.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// Findings already accepted (supabase/lint-baseline.json): they are not reported. Null: none.
    /// </summary>
    public LintBaseline? Baseline { get; init; }

    /// <summary>
    /// A migration version: files with an older version are parsed (syntax errors are still reported, and the schema
    /// history still sees them) but the SB1xxx rules do not run on them. Null or empty: every file.
    /// </summary>
    public string? Since { get; init; }

    /// <summary>
    /// The PostgreSQL major version the migrations run on, and who said so (SupabasePostgresVersion,
    /// <c>--postgres-version</c>): it wins over config.toml. Null: supabase/config.toml's <c>[db] major_version</c>
    /// beside the migrations folder, else <see cref="DefaultPostgresMajorVersion"/>.
    /// </summary>
    public PostgresVersion? PostgresVersion { get; init; }

    /// <summary>
    /// The schemas the Supabase API exposes, for the SB2xxx rules. Null: supabase/config.toml's <c>[api] schemas</c>
    /// beside the migrations folder, else <c>public</c>.
    /// </summary>
    public IReadOnlyCollection<string>? ExposedSchemas { get; init; }
}

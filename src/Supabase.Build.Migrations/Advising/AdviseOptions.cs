namespace Supabase.Build.Migrations.Advising;

/// <summary>How a live advise run is configured by its adapter (MSBuild properties, CLI options).</summary>
public sealed record AdviseOptions
{
    /// <summary>
    /// The schemas the Supabase API exposes. Null: <c>supabase/config.toml [api] schemas</c> beside the local migrations,
    /// else <c>public</c>.
    /// </summary>
    public IReadOnlyCollection<string>? ExposedSchemas { get; init; }

    /// <summary>Rule ids or names not run (MSBuild's NoWarn lands here).</summary>
    public IReadOnlyCollection<string> DisabledRules { get; init; } = Array.Empty<string>();
}

namespace Supabase.Build.Migrations.Linting;

/// <summary>How a lint run is configured by its adapter (MSBuild properties, CLI options).</summary>
public sealed record LintOptions
{
    /// <summary>Rule ids or names that are not run at all (MSBuild's NoWarn lands here).</summary>
    public IReadOnlyCollection<string> DisabledRules { get; init; } = Array.Empty<string>();

    /// <summary>Files linted at once; 0 means one per processor.</summary>
    public int MaxDegreeOfParallelism { get; init; }
}

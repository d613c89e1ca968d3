using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Push;

/// <summary>One migration (or seed) a push ran.</summary>
/// <param name="Path">The file.</param>
/// <param name="Version">Its version; empty for a seed.</param>
/// <param name="Statements">How many statements were sent.</param>
/// <param name="Duration">Wall time, history row included.</param>
/// <param name="Mode">How it ran.</param>
public sealed record AppliedFile(string Path, string Version, int Statements, TimeSpan Duration, ExecutionMode Mode);

/// <summary>What a push did. <see cref="Succeeded"/> is false when any error was reported (or it was cancelled).</summary>
public sealed record PushResult(
    bool Succeeded,
    bool DryRun,
    IReadOnlyList<AppliedFile> Applied,
    IReadOnlyList<string> Pending,
    IReadOnlyList<MigrationDiagnostic> Diagnostics,
    TimeSpan Duration)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

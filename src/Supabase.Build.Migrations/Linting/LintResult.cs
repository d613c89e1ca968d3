using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// The diagnostics of a run in file order, then position order, with what was looked at. <see cref="BaselinedCount"/>
/// findings matched the baseline and are not in <see cref="Diagnostics"/>.
/// </summary>
public sealed record LintResult(IReadOnlyList<MigrationDiagnostic> Diagnostics, int FileCount, int StatementCount)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    public int BaselinedCount { get; init; }
}

using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.BuildSteps;

/// <summary>
/// The project's warning settings applied to migration diagnostics, the way the compiler applies them to C#:
/// <c>NoWarn</c> turns a rule off entirely (errors too: a team that lists SB1003 has decided), <c>WarningsAsErrors</c>
/// and <c>TreatWarningsAsErrors</c> (minus <c>WarningsNotAsErrors</c>) make warnings errors. Lists take ids (SB1004)
/// or rule names (prefer-robust-stmts), separated by ';', ',' or spaces.
/// </summary>
public sealed class SeverityPolicy
{
    private readonly IReadOnlyList<string> _warningsAsErrors;
    private readonly IReadOnlyList<string> _warningsNotAsErrors;
    private readonly bool _treatWarningsAsErrors;

    public SeverityPolicy(string? noWarn, string? warningsAsErrors, string? warningsNotAsErrors, bool treatWarningsAsErrors)
    {
        DisabledRules = Split(noWarn);
        _warningsAsErrors = Split(warningsAsErrors);
        _warningsNotAsErrors = Split(warningsNotAsErrors);
        _treatWarningsAsErrors = treatWarningsAsErrors;
    }

    /// <summary>What the engine should not run at all.</summary>
    public IReadOnlyList<string> DisabledRules { get; }

    public MigrationDiagnostic Apply(MigrationDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (diagnostic.Severity != DiagnosticSeverity.Warning)
        {
            return diagnostic;
        }

        var promote = _warningsAsErrors.Any(diagnostic.Rule.IsNamedBy)
            || (_treatWarningsAsErrors && !_warningsNotAsErrors.Any(diagnostic.Rule.IsNamedBy));
        return promote ? diagnostic with { Severity = DiagnosticSeverity.Error } : diagnostic;
    }

    /// <summary>A list property (<c>SB1003;ban-drop-table</c>) as its entries.</summary>
    public static string[] Split(string? list) =>
        (list ?? string.Empty).Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

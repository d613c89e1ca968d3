using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Diagnostics;

/// <summary>One finding: which rule, how severe, where (file and 1-based span), and what to do.</summary>
public sealed record MigrationDiagnostic(RuleDescriptor Rule, DiagnosticSeverity Severity, string FilePath, SourceSpan Span, string Message)
{
    public string Id => Rule.Id;

    public string Name => Rule.Name;

    public string HelpLink => Rule.HelpLink;

    /// <summary>The replacement text that applies the remedy, where it is mechanical; null otherwise.</summary>
    public DiagnosticFix? Fix { get; init; }

    /// <summary>
    /// A stable identity of the finding for baselines and code-quality reports: rule, file name and the statement's
    /// text (not its line), so it survives edits elsewhere in the file. Set by the linter; null for hand-made ones.
    /// </summary>
    public string? Fingerprint { get; init; }

    /// <summary>A diagnostic about a whole file (or a file that could not be read), placed at its start.</summary>
    public static MigrationDiagnostic ForFile(RuleDescriptor rule, string filePath, string message, DiagnosticSeverity? severity = null) =>
        new(rule, severity ?? rule.DefaultSeverity, filePath, new SourceSpan(new SourcePosition(1, 1), new SourcePosition(1, 1)), message);
}

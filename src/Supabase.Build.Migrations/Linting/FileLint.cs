using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Rules.Advisors;
using Supabase.Build.Migrations.Suppressions;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// One file's findings while a lint runs: the statement rules' (added as found, suppressions applied), then, once the
/// whole history is replayed, the schema rules' findings placed in this file; then unused suppressions, order and
/// fingerprints.
/// </summary>
internal sealed class FileLint
{
    private readonly List<MigrationDiagnostic> _diagnostics;
    private readonly SuppressionIndex? _suppressions;
    private readonly List<RuleDescriptor> _ran;

    public FileLint(ParsedMigration migration, IEnumerable<RuleDescriptor> ran)
    {
        Migration = migration;
        _diagnostics = new List<MigrationDiagnostic>(migration.Diagnostics);
        _suppressions = migration.Source is null ? null : new SuppressionIndex(migration);
        _ran = ran.ToList();
    }

    public ParsedMigration Migration { get; }

    /// <summary>Adds a statement rule's finding unless a comment suppresses it.</summary>
    public void Add(MigrationDiagnostic diagnostic, MigrationStatement statement)
    {
        if (_suppressions is null || _suppressions.IsEmpty || !_suppressions.Suppresses(diagnostic.Rule, statement))
        {
            _diagnostics.Add(diagnostic);
        }
    }

    /// <summary>Adds the schema findings made in this file, then completes the file's diagnostics.</summary>
    public IReadOnlyList<MigrationDiagnostic> Finish(IEnumerable<SchemaFinding> schemaFindings, IEnumerable<RuleDescriptor> schemaRules, LintOptions options)
    {
        foreach (var finding in schemaFindings)
        {
            if (Migration.Source is not null && StatementAt(finding.Target.Source!.Span.Start) is { } statement)
            {
                Add(new MigrationDiagnostic(finding.Rule, finding.Severity, Migration.File.Path, finding.Target.Source.Span, finding.Message)
                {
                    Fingerprint = Fingerprints.OfStatement(finding.Id, Migration, statement),
                }, statement);
            }
        }

        if (_suppressions is { IsEmpty: false } && MigrationLinter.IsEnabled(RuleRegistry.UnusedSuppression, options))
        {
            var ran = _ran.Concat(schemaRules).Where(d => !options.DisabledRules.Any(d.IsNamedBy)).ToList();
            foreach (var (comment, reason) in _suppressions.Unused(ran, RuleRegistry.Catalogue))
            {
                _diagnostics.Add(new MigrationDiagnostic(
                    RuleRegistry.UnusedSuppression, RuleRegistry.UnusedSuppression.DefaultSeverity, Migration.File.Path,
                    Migration.Source!.SpanOf(comment.Start, comment.End - comment.Start), $"this suppression comment {reason}; remove it or fix the rule name"));
            }
        }

        // Position, then id: a stable order, in which fixes that insert at one point also apply in id order.
        _diagnostics.Sort((a, b) =>
        {
            var byPosition = (a.Span.Start.Line, a.Span.Start.Column).CompareTo((b.Span.Start.Line, b.Span.Start.Column));
            return byPosition != 0 ? byPosition : string.CompareOrdinal(a.Id, b.Id);
        });
        return Fingerprints.Complete(_diagnostics, Migration);
    }

    /// <summary>The statement that starts at <paramref name="start"/>, or else the last one starting before it (a statement inside a DO block).</summary>
    private MigrationStatement? StatementAt(SourcePosition start)
    {
        MigrationStatement? found = null;
        foreach (var statement in Migration.Statements)
        {
            if ((statement.Span.Start.Line, statement.Span.Start.Column).CompareTo((start.Line, start.Column)) > 0)
            {
                break;
            }

            found = statement;
        }

        return found;
    }
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Rules.Embedded;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.Migrations.Suppressions;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// Files, then parsed statements, then rules, then diagnostics. Files are parsed in parallel (each file once), then
/// checked in parallel; rules that need the schema as the history left it before a statement get it from one replay
/// of the whole set (made on first use, from the same parse). The result is ordered by file and position so every
/// run prints the same thing.
/// </summary>
public sealed class MigrationLinter
{
    private readonly PgParser _parser;
    private readonly MigrationParser _migrationParser;
    private readonly IReadOnlyList<IMigrationRule> _rules;

    public MigrationLinter(PgParser parser, IReadOnlyList<IMigrationRule>? rules = null)
    {
        _parser = parser;
        _migrationParser = new MigrationParser(parser);
        _rules = rules ?? RuleRegistry.All;
    }

    /// <summary>Every rule this linter runs, then the tool's own diagnostics: the catalogue adapters document and filter by.</summary>
    public IEnumerable<RuleDescriptor> Descriptors => ToolDiagnostics.All.Concat(_rules.Select(r => r.Descriptor)).Append(RuleRegistry.UnusedSuppression).Distinct();

    /// <summary>
    /// Loads the parser and makes a linter, or returns SB0003 naming every place the parser was looked for.
    /// </summary>
    public static MigrationLinter? TryCreate(string? configuredParserPath, out MigrationDiagnostic? parserNotFound)
    {
        try
        {
            parserNotFound = null;
            return new MigrationLinter(PgParser.Load(configuredParserPath));
        }
        catch (PgQueryLibraryException e)
        {
            parserNotFound = MigrationDiagnostic.ForFile(ToolDiagnostics.ParserNotFound, "libpg_query", e.Message);
            return null;
        }
    }

    public LintResult Lint(MigrationSet set, LintOptions? options = null)
    {
        options ??= new LintOptions();
        var rules = _rules.Where(r => IsEnabled(r.Descriptor, options)).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : -1 };
        var version = options.PostgresMajorVersion ?? SupabaseProjectSettings.ReadMajorVersion(set.Directory) ?? LintOptions.DefaultPostgresMajorVersion;

        var parsed = new ParsedMigration[set.Files.Count];
        Parallel.For(0, set.Files.Count, parallel, i => parsed[i] = _migrationParser.Parse(set.Files[i]));

        // One replay of the whole history, file by file beside the lint, when a rule may ask for the schema.
        var facts = HistoryFacts.Of(parsed);
        var history = new HistoryReplay(_parser, parsed);
        if (rules.Any(r => r.Descriptor.Id is "SB1010" or "SB1013" or "SB1016") && HistoryReplay.MayBeNeeded(parsed, facts))
        {
            history.Start();
        }
        var perFile = new List<MigrationDiagnostic>[set.Files.Count];
        Parallel.For(0, set.Files.Count, parallel, i => perFile[i] = LintFile(i, parsed[i], rules, options, version, history, facts));

        var diagnostics = new List<MigrationDiagnostic>(Fingerprints.Complete(set.Diagnostics, null));
        foreach (var file in perFile)
        {
            diagnostics.AddRange(file);
        }

        var enabled = diagnostics.Where(d => !options.DisabledRules.Any(d.Rule.IsNamedBy)).ToList();
        var reported = options.Baseline is { } baseline ? enabled.Where(d => !baseline.Contains(d)).ToList() : enabled;
        return new LintResult(reported, set.Files.Count, parsed.Sum(p => p.Statements.Count)) { BaselinedCount = enabled.Count - reported.Count };
    }

    /// <summary>True when a rule runs: on by default or included, and not disabled.</summary>
    private static bool IsEnabled(RuleDescriptor rule, LintOptions options) =>
        (rule.IsEnabledByDefault || options.IncludedRules.Any(rule.IsNamedBy)) && !options.DisabledRules.Any(rule.IsNamedBy);

    private List<MigrationDiagnostic> LintFile(int fileIndex, ParsedMigration migration, IReadOnlyList<IMigrationRule> rules, LintOptions options, int version, HistoryReplay history, HistoryFacts facts)
    {
        var diagnostics = new List<MigrationDiagnostic>(migration.Diagnostics);
        if (migration.Source is not null)
        {
            if (IsOlderThan(migration.File, options.Since))
            {
                rules = rules.Where(r => !r.Descriptor.Id.StartsWith("SB1", StringComparison.Ordinal)).ToList();
            }

            var suppressions = new SuppressionIndex(migration);
            var scope = new FileScope();
            var found = new List<MigrationDiagnostic>();
            foreach (var statement in migration.Statements)
            {
                var embedded = new EmbeddedStatementCache();
                SchemaModel? Schema() => history.StateBefore(fileIndex, migration, statement);
                var context = new StatementContext(migration, statement, scope, _parser, ToolDiagnostics.SyntaxError, found.Add, embedded, Schema, version, facts);
                foreach (var rule in rules)
                {
                    context.Rule = rule.Descriptor;
                    rule.Check(context);
                    if (found.Count > 0)
                    {
                        foreach (var diagnostic in found)
                        {
                            if (suppressions.IsEmpty || !suppressions.Suppresses(diagnostic.Rule, statement))
                            {
                                diagnostics.Add(diagnostic);
                            }
                        }

                        found.Clear();
                    }
                }

                scope.Apply(statement);
            }

            if (!suppressions.IsEmpty && IsEnabled(RuleRegistry.UnusedSuppression, options))
            {
                var ran = rules.Select(r => r.Descriptor).Where(d => !options.DisabledRules.Any(d.IsNamedBy)).ToList();
                foreach (var (comment, reason) in suppressions.Unused(ran, RuleRegistry.Catalogue))
                {
                    diagnostics.Add(new MigrationDiagnostic(
                        RuleRegistry.UnusedSuppression, RuleRegistry.UnusedSuppression.DefaultSeverity, migration.File.Path,
                        migration.Source.SpanOf(comment.Start, comment.End - comment.Start), $"this suppression comment {reason}; remove it or fix the rule name"));
                }
            }
        }

        // Position, then id: a stable order, in which fixes that insert at one point also apply in id order.
        diagnostics.Sort((a, b) =>
        {
            var byPosition = (a.Span.Start.Line, a.Span.Start.Column).CompareTo((b.Span.Start.Line, b.Span.Start.Column));
            return byPosition != 0 ? byPosition : string.CompareOrdinal(a.Id, b.Id);
        });
        return Fingerprints.Complete(diagnostics, migration).ToList();
    }

    /// <summary>True when the file's version is below <paramref name="since"/> (compared as numbers of any length).</summary>
    internal static bool IsOlderThan(MigrationFile file, string? since)
    {
        if (string.IsNullOrWhiteSpace(since) || string.IsNullOrEmpty(file.Version) || !file.Version.All(char.IsAsciiDigit))
        {
            return false;
        }

        var a = file.Version.TrimStart('0');
        var b = since.Trim().TrimStart('0');
        return a.Length != b.Length ? a.Length < b.Length : string.CompareOrdinal(a, b) < 0;
    }
}

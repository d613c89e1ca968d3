using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Rules.Embedded;
using Supabase.Build.Migrations.Suppressions;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// Files, then parsed statements, then rules, then diagnostics. Files are parsed and checked in parallel (each
/// file once); the result is ordered by file and position so every run prints the same thing.
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
    public IEnumerable<RuleDescriptor> Descriptors => ToolDiagnostics.All.Concat(_rules.Select(r => r.Descriptor));

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
        var rules = _rules.Where(r => !options.DisabledRules.Any(r.Descriptor.IsNamedBy)).ToList();
        var perFile = new (List<MigrationDiagnostic> Diagnostics, int Statements)[set.Files.Count];
        Parallel.For(
            0,
            set.Files.Count,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : -1 },
            i => perFile[i] = LintFile(set.Files[i], rules));

        var diagnostics = new List<MigrationDiagnostic>(set.Diagnostics);
        foreach (var file in perFile)
        {
            diagnostics.AddRange(file.Diagnostics);
        }

        var enabled = diagnostics.Where(d => !options.DisabledRules.Any(d.Rule.IsNamedBy)).ToList();
        return new LintResult(enabled, set.Files.Count, perFile.Sum(f => f.Statements));
    }

    private (List<MigrationDiagnostic>, int) LintFile(MigrationFile file, IReadOnlyList<IMigrationRule> rules)
    {
        var migration = _migrationParser.Parse(file);
        var diagnostics = new List<MigrationDiagnostic>(migration.Diagnostics);
        if (migration.Source is not null)
        {
            var suppressions = new SuppressionIndex(migration);
            var scope = new FileScope();
            foreach (var statement in migration.Statements)
            {
                var embedded = new EmbeddedStatementCache();
                foreach (var rule in rules)
                {
                    if (suppressions.IsSuppressed(rule.Descriptor, statement))
                    {
                        continue;
                    }

                    rule.Check(new StatementContext(migration, statement, scope, _parser, rule.Descriptor, diagnostics.Add, embedded));
                }

                scope.Apply(statement);
            }
        }

        diagnostics.Sort((a, b) => (a.Span.Start.Line, a.Span.Start.Column).CompareTo((b.Span.Start.Line, b.Span.Start.Column)));
        return (diagnostics, migration.Statements.Count);
    }
}

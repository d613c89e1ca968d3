using Supabase.Build.Migrations.Advising;
using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Rules.Advisors;
using Supabase.Build.Migrations.Rules.Embedded;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.Migrations.Suppressions;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// Files, then parsed statements, then rules, then diagnostics. Files are parsed in parallel (each file once), then
/// checked in parallel; rules that need the schema as the history left it before a statement get it from one replay
/// of the whole set (made on first use, from the same parse). The schema rules (SB2xxx) then check the model the
/// history ends with, and report at the statements that made the objects. The result is ordered by file and position
/// so every run prints the same thing.
/// </summary>
public sealed class MigrationLinter
{
    private readonly PgParser _parser;
    private readonly MigrationParser _migrationParser;
    private readonly IReadOnlyList<IMigrationRule> _rules;
    private readonly IReadOnlyList<ISchemaRule> _schemaRules;

    /// <summary>
    /// A linter running <paramref name="rules"/> and <paramref name="schemaRules"/>: by default every registered rule;
    /// when only statement rules are given, no schema rules (a test or tool that picks rules picks all it wants).
    /// </summary>
    public MigrationLinter(PgParser parser, IReadOnlyList<IMigrationRule>? rules = null, IReadOnlyList<ISchemaRule>? schemaRules = null)
    {
        _parser = parser;
        _migrationParser = new MigrationParser(parser);
        _rules = rules ?? RuleRegistry.All;
        _schemaRules = schemaRules ?? (rules is null ? RuleRegistry.SchemaRules : Array.Empty<ISchemaRule>());
    }

    /// <summary>Every rule this linter runs, then the tool's own diagnostics: the catalogue adapters document and filter by.</summary>
    public IEnumerable<RuleDescriptor> Descriptors => ToolDiagnostics.All
        .Concat(_rules.Select(r => r.Descriptor))
        .Append(RuleRegistry.UnusedSuppression)
        .Concat(_schemaRules.Select(r => r.Descriptor))
        .Distinct();

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
        ArgumentNullException.ThrowIfNull(set);
        options ??= new LintOptions();
        var workers = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        var parsed = ParsedInOrder.For(set, _migrationParser);
        HistoryReplay? history = null;
        if (_schemaRules.Any(r => IsEnabled(r.Descriptor, options)) && set.Files.Count >= HistoryReplay.BesideParseFrom)
        {
            // The schema rules need the whole history replayed: for a long one start it now, beside the parse.
            history = new HistoryReplay(_parser, parsed);
            history.Start();
        }

        parsed.ParseAll(workers);
        return Lint(set, parsed, options, history);
    }

    /// <summary>Lints files parsed already (one <see cref="ParsedMigration"/> per file of <paramref name="set"/>, in order): a push parses once for both.</summary>
    public LintResult Lint(MigrationSet set, IReadOnlyList<ParsedMigration> parsed, LintOptions? options = null) => Lint(set, parsed, options, null);

    private LintResult Lint(MigrationSet set, IReadOnlyList<ParsedMigration> parsed, LintOptions? options, HistoryReplay? started)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(parsed);
        options ??= new LintOptions();
        var rules = _rules.Where(r => IsEnabled(r.Descriptor, options)).ToList();
        var schemaRules = _schemaRules.Where(r => IsEnabled(r.Descriptor, options)).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : -1 };
        var diagnostics = new List<MigrationDiagnostic>(Fingerprints.Complete(set.Diagnostics, null));
        var config = SupabaseConfig.LoadBeside(set.Directory, diagnostics);
        var version = options.PostgresVersion ?? config.PostgresVersion;
        var exposed = new ExposedSchemas(options.ExposedSchemas ?? config.ApiSchemas);

        // One replay of the whole history, file by file beside the lint, when a rule may ask for the schema.
        var facts = HistoryFacts.Of(parsed);
        var history = started ?? new HistoryReplay(_parser, parsed);
        var hasStatements = parsed.Any(p => p.Statements.Count > 0);
        if (parsed.Count >= HistoryReplay.BesideParseFrom && hasStatements
            && (schemaRules.Count > 0 || (rules.Any(r => r.Descriptor.Id is "SB1010" or "SB1013" or "SB1016") && HistoryReplay.MayBeNeeded(parsed, facts))))
        {
            history.Start(); // a short history is replayed by the first rule that asks, on its thread
        }

        var perFile = new FileLint[set.Files.Count];
        var checks = rules.Select(r => new RuleCheck(r.Descriptor, r.Check)).ToArray();
        Parallel.For(0, set.Files.Count, parallel, i => perFile[i] = LintFile(i, parsed[i], checks, options, version, history, facts));

        var schemaFindings = schemaRules.Count > 0 && hasStatements && history.Final() is { } final
            ? new SchemaAdvisor(schemaRules).Advise(final, exposed).Where(f => f.Target.Source is not null).ToLookup(f => f.Target.Source!.FilePath)
            : null;
        var finished = new IReadOnlyList<MigrationDiagnostic>[perFile.Length];
        var schemaDescriptors = schemaRules.Select(r => r.Descriptor).ToList();
        Parallel.For(0, perFile.Length, parallel, i =>
            finished[i] = perFile[i].Finish(schemaFindings?[perFile[i].Migration.File.Path] ?? Enumerable.Empty<SchemaFinding>(), schemaDescriptors, options));
        foreach (var file in finished)
        {
            diagnostics.AddRange(file);
        }

        var enabled = diagnostics.Where(d => !options.DisabledRules.Any(d.Rule.IsNamedBy)).ToList();
        var reported = options.Baseline is { } baseline ? enabled.Where(d => !baseline.Contains(d)).ToList() : enabled;
        return new LintResult(reported, set.Files.Count, parsed.Sum(p => p.Statements.Count)) { BaselinedCount = enabled.Count - reported.Count };
    }

    /// <summary>True when a rule runs: on by default or included, and not disabled.</summary>
    internal static bool IsEnabled(RuleDescriptor rule, LintOptions options) =>
        (rule.IsEnabledByDefault || options.IncludedRules.Any(rule.IsNamedBy)) && !options.DisabledRules.Any(rule.IsNamedBy);

    private FileLint LintFile(int fileIndex, ParsedMigration migration, RuleCheck[] rules, LintOptions options, PostgresVersion version, HistoryReplay history, HistoryFacts facts)
    {
        if (migration.Source is not null && IsOlderThan(migration.File, options.Since))
        {
            rules = rules.Where(r => !r.Descriptor.Id.StartsWith("SB1", StringComparison.Ordinal)).ToArray();
        }

        var lint = new FileLint(migration, rules.Select(r => r.Descriptor));
        if (migration.Source is not null)
        {
            var scope = new FileScope();
            var found = new List<MigrationDiagnostic>();
            Action<MigrationDiagnostic> report = found.Add; // one delegate for the file's statements, not one each
            Func<MigrationStatement, SchemaModel?> schema = statement => history.StateBefore(fileIndex, migration, statement);
            StatementContext? context = null;
            foreach (var statement in migration.Statements)
            {
                if (context is null)
                {
                    context = new StatementContext(migration, statement, scope, _parser, ToolDiagnostics.SyntaxError, report, new EmbeddedStatementCache(), schema, version, facts);
                }
                else
                {
                    context.MoveTo(statement);
                }

                foreach (var rule in rules)
                {
                    context.Rule = rule.Descriptor;
                    rule.Check(context);
                    if (found.Count > 0)
                    {
                        foreach (var diagnostic in found)
                        {
                            lint.Add(diagnostic, statement);
                        }

                        found.Clear();
                    }
                }

                scope.Apply(statement);
            }
        }

        return lint;
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

    /// <summary>
    /// A rule's check as a delegate: every statement meets every rule, and a delegate call is direct where a call
    /// through <see cref="IMigrationRule"/> from one site to forty rule types searches a dispatch cache each time.
    /// </summary>
    private readonly record struct RuleCheck(RuleDescriptor Descriptor, Action<StatementContext> Check);
}

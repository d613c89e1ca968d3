using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.Migrations.Rules.Embedded;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>What a rule sees of one statement, and where it reports. Positions are byte offsets in the file.</summary>
public sealed class StatementContext
{
    private readonly Action<MigrationDiagnostic> _report;
    private readonly EmbeddedStatementCache _embedded;
    private readonly Func<MigrationStatement, SchemaModel?>? _schemaBefore;
    private IReadOnlyList<DefinedColumn>? _definedColumns;
    private byte[]? _fingerprintText;

    internal StatementContext(
        ParsedMigration migration,
        MigrationStatement statement,
        FileScope scope,
        PgParser parser,
        RuleDescriptor rule,
        Action<MigrationDiagnostic> report,
        EmbeddedStatementCache? embedded = null,
        Func<MigrationStatement, SchemaModel?>? schemaBefore = null,
        PostgresVersion? postgresVersion = null,
        HistoryFacts? history = null)
    {
        History = history;
        _embedded = embedded ?? new EmbeddedStatementCache();
        _schemaBefore = schemaBefore;
        Migration = migration;
        Statement = statement;
        Scope = scope;
        Parser = parser;
        Rule = rule;
        PostgresVersion = postgresVersion ?? PostgresVersion.Default;
        _report = report;
    }

    public ParsedMigration Migration { get; }

    public MigrationStatement Statement { get; private set; }

    /// <summary>What earlier statements of the file created and set (the state before this statement).</summary>
    public FileScope Scope { get; }

    /// <summary>The parser, for SQL embedded in the statement (PL/pgSQL and SQL function bodies).</summary>
    public PgParser Parser { get; }

    /// <summary>The rule being run (the linter reuses one context for all rules, and for every statement of a file).</summary>
    public RuleDescriptor Rule { get; internal set; }

    /// <summary>
    /// The PostgreSQL major version the migrations run on and where that was said (SupabasePostgresVersion or
    /// <c>--postgres-version</c>, else supabase/config.toml <c>[db] major_version</c>, else 17).
    /// </summary>
    public PostgresVersion PostgresVersion { get; }

    /// <summary>The major version alone (<see cref="PostgresVersion"/>), for rules that only compare it.</summary>
    public int PostgresMajorVersion => PostgresVersion.Major;

    /// <summary>Cheap facts about the whole history (null when linting without one), to skip <see cref="SchemaBefore"/> when it cannot matter.</summary>
    public HistoryFacts? History { get; }

    /// <summary>True for the last statement the parser read in the file.</summary>
    public bool IsLastStatement => Statement.Index == Migration.Statements.Count - 1;

    /// <summary>
    /// The schema as the whole history left it just before this statement (every earlier file and this file's earlier
    /// statements replayed), or null when no model is available. Built once per lint, on first use. Kept for ALTER
    /// TABLE statements only (see <see cref="Linting.HistoryReplay.AsksForModel"/>); asking at another statement throws.
    /// </summary>
    public SchemaModel? SchemaBefore => _schemaBefore?.Invoke(Statement);

    /// <summary>
    /// The statement itself, then every statement in its DO block or function body (see <see cref="EmbeddedStatements"/>),
    /// parsed once per statement for all rules.
    /// </summary>
    public ReadOnlySpan<EmbeddedStatement> StatementsWithBodies => _embedded.Get(this);

    /// <summary>
    /// <see cref="StatementsWithBodies"/> for a rule that looks only for statements holding one of
    /// <paramref name="keywords"/> (DROP, TRUNCATE, ...): a body whose text never has one of those words cannot hold
    /// such a statement and is not parsed (parsing bodies is most of a lint's cost, and most bodies have none).
    /// Findings are still decided on parse trees.
    /// </summary>
    public ReadOnlySpan<EmbeddedStatement> StatementsWithBodiesMentioning(params string[] keywords) => _embedded.GetMentioning(this, keywords);

    public SourceText Source => Migration.Source!;

    /// <summary>The columns the statement defines or retypes, found once for the type-choice rules that all ask.</summary>
    internal IReadOnlyList<DefinedColumn> DefinedColumns => _definedColumns ??= ColumnDefinitions.Of(this);

    /// <summary>
    /// Moves the context on to the file's next statement (the linter makes one context per file, not one per
    /// statement): what was found about the last one is dropped.
    /// </summary>
    internal void MoveTo(MigrationStatement statement)
    {
        Statement = statement;
        _definedColumns = null;
        _fingerprintText = null;
        _embedded.Reset();
    }

    /// <summary>Reports at the whole statement.</summary>
    public void Report(string message, DiagnosticFix? fix = null) => Report(Statement.Span, message, fix);

    /// <summary>Reports at a node's location (falls back to the statement when the node has none).</summary>
    public void Report(PgNode node, string message, DiagnosticFix? fix = null) =>
        Report(node.Location is { } at && at >= Statement.Location ? Source.SpanOf(at, 0) : Statement.Span, message, fix);

    /// <summary>Reports at a span computed by the rule (e.g. a line inside a function body).</summary>
    public void Report(SourceSpan span, string message, DiagnosticFix? fix = null, DiagnosticSeverity? severity = null) =>
        _report(new MigrationDiagnostic(Rule, severity ?? Rule.DefaultSeverity, Migration.File.Path, span, message)
        {
            Fix = fix,
            Fingerprint = Fingerprints.OfStatement(Rule.Id, Migration, _fingerprintText ??= Fingerprints.StatementUtf8(Migration, Statement)),
        });
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.Migrations.Rules.Embedded;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>What a rule sees of one statement, and where it reports. Positions are byte offsets in the file.</summary>
public sealed class StatementContext
{
    private readonly Action<MigrationDiagnostic> _report;
    private readonly EmbeddedStatementCache _embedded;

    internal StatementContext(ParsedMigration migration, MigrationStatement statement, FileScope scope, PgParser parser, RuleDescriptor rule, Action<MigrationDiagnostic> report, EmbeddedStatementCache? embedded = null)
    {
        _embedded = embedded ?? new EmbeddedStatementCache();
        Migration = migration;
        Statement = statement;
        Scope = scope;
        Parser = parser;
        Rule = rule;
        _report = report;
    }

    public ParsedMigration Migration { get; }

    public MigrationStatement Statement { get; }

    /// <summary>What earlier statements of the file created (the state before this statement).</summary>
    public FileScope Scope { get; }

    /// <summary>The parser, for SQL embedded in the statement (PL/pgSQL and SQL function bodies).</summary>
    public PgParser Parser { get; }

    public RuleDescriptor Rule { get; }

    /// <summary>
    /// The statement itself, then every statement in its DO block or function body (see <see cref="EmbeddedStatements"/>),
    /// parsed once per statement for all rules.
    /// </summary>
    public IReadOnlyList<EmbeddedStatement> StatementsWithBodies => _embedded.Get(this);

    public SourceText Source => Migration.Source!;

    /// <summary>Reports at the whole statement.</summary>
    public void Report(string message) => Report(Statement.Span, message);

    /// <summary>Reports at a node's location (falls back to the statement when the node has none).</summary>
    public void Report(PgNode node, string message) =>
        Report(node.Location is { } at && at >= Statement.Location ? Source.SpanOf(at, 0) : Statement.Span, message);

    /// <summary>Reports at a span computed by the rule (e.g. a line inside a function body).</summary>
    public void Report(SourceSpan span, string message) =>
        _report(new MigrationDiagnostic(Rule, Rule.DefaultSeverity, Migration.File.Path, span, message));
}

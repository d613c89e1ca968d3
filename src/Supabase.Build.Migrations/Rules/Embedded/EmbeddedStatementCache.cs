namespace Supabase.Build.Migrations.Rules.Embedded;

/// <summary>
/// The statements of one top-level statement's bodies, found once and shared by every rule that looks at them
/// (parsing PL/pgSQL and SQL bodies is the costly part of a lint). One instance per statement, made by the linter.
/// </summary>
internal sealed class EmbeddedStatementCache
{
    private IReadOnlyList<EmbeddedStatement>? _statements;

    private IReadOnlyList<EmbeddedStatement>? _alone;

    public IReadOnlyList<EmbeddedStatement> Get(StatementContext context) =>
        _statements ??= EmbeddedStatements.HasBodies(context.Statement.Node)
            ? EmbeddedStatements.AllOf(context).ToList()
            : new[] { Alone(context) }; // most statements have no bodies: no walk to set up

    private static EmbeddedStatement Alone(StatementContext context) =>
        new(context.Statement.Node, context.Statement.Span, null, context.Scope);

    /// <summary>
    /// <see cref="Get"/> when the statement's text may mention one of <paramref name="words"/>, else the statement
    /// alone: its bodies are not parsed for a rule whose statements they cannot hold.
    /// </summary>
    public IReadOnlyList<EmbeddedStatement> GetMentioning(StatementContext context, IReadOnlyList<string> words)
    {
        if (_statements is not null || !EmbeddedStatements.HasBodies(context.Statement.Node))
        {
            return Get(context);
        }

        var text = context.Source.Utf8.AsSpan(context.Statement.Location, context.Statement.Length);
        return BodyWords.MayMentionAny(text, words)
            ? Get(context)
            : _alone ??= new[] { Alone(context) };
    }
}

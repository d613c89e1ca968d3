namespace Supabase.Build.Migrations.Rules.Embedded;

/// <summary>
/// The statements of one top-level statement's bodies, found once and shared by every rule that looks at them
/// (parsing PL/pgSQL and SQL bodies is the costly part of a lint). One per statement context, reset for each statement.
/// </summary>
internal sealed class EmbeddedStatementCache
{
    private EmbeddedStatement[]? _statements;
    private EmbeddedStatement _alone;
    private bool _hasAlone;

    /// <summary>Forgets the last statement's bodies (the cache moves on with its context).</summary>
    public void Reset()
    {
        _statements = null;
        _alone = default;
        _hasAlone = false;
    }

    public ReadOnlySpan<EmbeddedStatement> Get(StatementContext context)
    {
        if (_statements is not null)
        {
            return _statements;
        }

        if (!EmbeddedStatements.HasBodies(context.Statement.Node))
        {
            return Alone(context); // most statements have no bodies: no walk to set up
        }

        _statements = EmbeddedStatements.AllOf(context).ToArray();
        return _statements;
    }

    /// <summary>
    /// <see cref="Get"/> when the statement's text may mention one of <paramref name="words"/>, else the statement
    /// alone: its bodies are not parsed for a rule whose statements they cannot hold.
    /// </summary>
    public ReadOnlySpan<EmbeddedStatement> GetMentioning(StatementContext context, IReadOnlyList<string> words)
    {
        if (_statements is not null || !EmbeddedStatements.HasBodies(context.Statement.Node))
        {
            return Get(context);
        }

        var text = context.Source.Utf8.AsSpan(context.Statement.Location, context.Statement.Length);
        return BodyWords.MayMentionAny(text, words) ? Get(context) : Alone(context);
    }

    /// <summary>The statement alone, kept in this cache (a span over one field: nothing allocated).</summary>
    private ReadOnlySpan<EmbeddedStatement> Alone(StatementContext context)
    {
        if (!_hasAlone)
        {
            _alone = new EmbeddedStatement(context.Statement.Node, context.Statement.Span, null, context.Scope);
            _hasAlone = true;
        }

        return new ReadOnlySpan<EmbeddedStatement>(in _alone);
    }
}

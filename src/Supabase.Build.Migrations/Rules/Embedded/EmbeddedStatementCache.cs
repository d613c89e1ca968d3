namespace Supabase.Build.Migrations.Rules.Embedded;

/// <summary>
/// The statements of one top-level statement's bodies, found once and shared by every rule that looks at them
/// (parsing PL/pgSQL and SQL bodies is the costly part of a lint). One instance per statement, made by the linter.
/// </summary>
internal sealed class EmbeddedStatementCache
{
    private IReadOnlyList<EmbeddedStatement>? _statements;

    public IReadOnlyList<EmbeddedStatement> Get(StatementContext context) =>
        _statements ??= EmbeddedStatements.AllOf(context).ToList();
}

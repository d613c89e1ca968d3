using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules.Versions;

/// <summary>
/// Where in the file a construct of the statement is, for nodes whose parse tree gives no location (most DDL
/// clauses, MERGE's WHEN clauses) and for what only the tokens tell (<c>WITH ADMIN OPTION</c> and
/// <c>WITH ADMIN TRUE</c> are the same tree). Reads the statement's own tokens. <see cref="None"/> answers null
/// everywhere: a statement parsed out of a function or DO body has locations in its body's text, not in the file,
/// so what is found there is reported at the body statement.
/// </summary>
internal sealed class SyntaxLocator
{
    public static readonly SyntaxLocator None = new(null);

    private readonly StatementContext? _context;

    public SyntaxLocator(StatementContext? context) => _context = context;

    /// <summary>False for <see cref="None"/>: constructs only the tokens can tell apart are not judged.</summary>
    public bool HasTokens => _context is not null;

    /// <summary>The node's own location, when the parser recorded one inside the statement.</summary>
    public int? At(PgNode node) => _context is not null && node.Location is { } at && Inside(at) ? at : null;

    /// <summary>The start of the first run of <paramref name="words"/> at or after <paramref name="from"/> (the statement's start when null).</summary>
    public int? Words(int? from, params string[] words) => Range(from, words)?.Start;

    /// <summary>The start and end of the first run of <paramref name="words"/> at or after <paramref name="from"/>.</summary>
    public (int Start, int End)? Range(int? from, params string[] words) =>
        _context is null ? null : Sql.FindWords(_context, from is { } at && Inside(at) ? at : null, words);

    /// <summary>A fix that writes <paramref name="text"/> over a byte range of the statement (none without tokens).</summary>
    public DiagnosticFix? Replacement((int Start, int End) range, string text) =>
        _context is null ? null : new DiagnosticFix($"write {text}", Sql.Replace(_context, range.Start, range.End, text));

    /// <summary>The start of the nearest token before <paramref name="offset"/> that is <paramref name="word"/>, within the statement.</summary>
    public int? WordBefore(int? offset, string word)
    {
        if (_context is null || offset is not { } end)
        {
            return null;
        }

        var tokens = _context.Migration.TokenSpan;
        var (first, last) = Sql.TokenRange(_context);
        for (var i = last - 1; i >= first; i--)
        {
            if (tokens[i].Start < end && !tokens[i].IsComment && Is(tokens[i], word))
            {
                return tokens[i].Start;
            }
        }

        return null;
    }

    /// <summary>The text of the first token after the one that starts at <paramref name="offset"/> (comments skipped), lower case.</summary>
    public string? WordAfter(int? offset)
    {
        if (_context is null || offset is not { } start)
        {
            return null;
        }

        var tokens = _context.Migration.TokenSpan;
        var (first, last) = Sql.TokenRange(_context, start);
        for (var i = first + 1; i < last; i++)
        {
            if (!tokens[i].IsComment)
            {
                return Sql.Text(_context, tokens[i]).ToLowerInvariant();
            }
        }

        return null;
    }

    /// <summary>
    /// The opening parenthesis of a subquery in FROM (RangeSubselect records no location): from the first location
    /// inside it, back over what can open a subquery (<c>(</c>, SELECT, VALUES, WITH, TABLE, DISTINCT ON, ...) to the
    /// outermost parenthesis. Null when there is none to be found.
    /// </summary>
    public int? OpeningParenthesis(PgNode subquery)
    {
        if (_context is null)
        {
            return null;
        }

        int? inner = null;
        foreach (var node in subquery.DescendantsAndSelf())
        {
            if (node.Location is { } at && Inside(at) && (inner is null || at < inner))
            {
                inner = at;
            }
        }

        if (inner is null)
        {
            return null;
        }

        var tokens = _context.Migration.TokenSpan;
        var (first, _) = Sql.TokenRange(_context);
        int? opening = null;
        for (var i = PgToken.FirstAtOrAfter(tokens, inner.Value) - 1; i >= first; i--)
        {
            var token = tokens[i];
            if (token.IsComment)
            {
                continue;
            }

            if (Sql.Text(_context, token) == "(")
            {
                opening = token.Start;
            }
            else if (!OpensSubquery(token))
            {
                break;
            }
        }

        return opening;
    }

    private static readonly string[] SubqueryOpeners = { "select", "values", "with", "recursive", "table", "distinct", "all", "on" };

    private bool OpensSubquery(PgToken token) => token.Kind == PgTokenKind.Keyword && SubqueryOpeners.Any(word => Is(token, word));

    private bool Is(PgToken token, string word) => string.Equals(Sql.Text(_context!, token), word, StringComparison.OrdinalIgnoreCase);

    private bool Inside(int offset) =>
        offset >= _context!.Statement.Location && offset < _context.Statement.Location + _context.Statement.Length;
}

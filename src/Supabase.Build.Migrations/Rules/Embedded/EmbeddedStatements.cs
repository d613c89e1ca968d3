using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules.Embedded;

/// <summary>
/// Finds the statements inside string bodies: DO blocks (PL/pgSQL), and CREATE FUNCTION / PROCEDURE bodies in
/// PL/pgSQL (embedded SQL and EXECUTE of a constant string), in SQL (a string body, or BEGIN ATOMIC ... END),
/// and bodies nested in those, a few levels deep. Everything goes through the real parser; nothing is searched as
/// text, so SQL in comments and in strings that never run is never seen.
/// A DO block runs now, so it sees what the file created before it. A function body runs later, when nothing the
/// file created is new any more, so it starts from an empty scope (what the body itself creates still counts).
/// </summary>
public static class EmbeddedStatements
{
    private const int MaxDepth = 4;

    /// <summary>The statement itself (at its span, with the file's scope), then every statement inside it.</summary>
    public static IEnumerable<EmbeddedStatement> AllOf(StatementContext context) =>
        Of(context).Prepend(new EmbeddedStatement(context.Statement.Node, context.Statement.Span, null, context.Scope));

    /// <summary>True for the statements that have bodies: DO and CREATE FUNCTION / PROCEDURE.</summary>
    public static bool HasBodies(PgNode statement) => statement.Is("DoStmt") || statement.Is("CreateFunctionStmt");

    /// <summary>
    /// The statements inside the statement's bodies, in source order (empty for most statements). Without
    /// <paramref name="functionBodies"/>, the bodies of functions created inside a DO block are not looked into (the
    /// schema replay applies what a DO block runs, not what its functions would run later, and parsing those bodies
    /// would be wasted).
    /// </summary>
    public static IEnumerable<EmbeddedStatement> Of(StatementContext context, bool functionBodies = true)
    {
        var statement = context.Statement;
        if (!HasBodies(statement.Node))
        {
            return Enumerable.Empty<EmbeddedStatement>();
        }

        var site = new Site(statement.Node, SqlFragment.Of(context.Migration), statement.Location, statement.Location + statement.Length);
        return new Walker(context.Parser, functionBodies).Inside(site, context.Scope, depth: 0);
    }

    /// <summary>A statement found in a fragment, and the byte range it spans there.</summary>
    private readonly record struct Site(PgNode Node, SqlFragment Fragment, int Start, int End);

    private sealed class Walker
    {
        private readonly PgParser _parser;
        private readonly bool _functionBodies;

        public Walker(PgParser parser, bool functionBodies)
        {
            _parser = parser;
            _functionBodies = functionBodies;
        }

        public IEnumerable<EmbeddedStatement> Inside(Site site, FileScope scope, int depth) =>
            depth >= MaxDepth ? Enumerable.Empty<EmbeddedStatement>()
            : site.Node.Kind switch
            {
                "DoStmt" => Walk(DoBody(site), scope, "DO block", depth),
                "CreateFunctionStmt" when _functionBodies || depth == 0 => Function(site, depth),
                _ => Enumerable.Empty<EmbeddedStatement>(),
            };

        private IEnumerable<EmbeddedStatement> Walk(IEnumerable<Site> sites, FileScope scope, string container, int depth)
        {
            foreach (var site in sites)
            {
                yield return new EmbeddedStatement(site.Node, site.Fragment.SpanAt(site.Start), container, scope);
                foreach (var inner in Inside(site, scope, depth + 1))
                {
                    yield return inner;
                }

                scope = scope.After(site.Node);
            }
        }

        /// <summary>
        /// A function body runs again and again, so a temporary table it creates anywhere may already exist from an
        /// earlier call (the usual DROP TABLE IF EXISTS t; CREATE TEMP TABLE t idiom); nothing else is new.
        /// </summary>
        private IEnumerable<EmbeddedStatement> Function(Site site, int depth)
        {
            var sites = FunctionBody(site).ToList();
            var scope = sites.Where(s => CreatesTemporaryTable(s.Node)).Aggregate(new FileScope(), (known, s) => known.After(s.Node));
            return Walk(sites, scope, FunctionName(site.Node), depth);
        }

        private IEnumerable<Site> DoBody(Site site)
        {
            var options = site.Node.List("args");
            var language = Option(options, "language").Child("arg").StringValue ?? "plpgsql";
            var definition = Option(options, "as");
            if (!language.Equals("plpgsql", StringComparison.OrdinalIgnoreCase) || definition.Child("arg").StringValue is not { } body)
            {
                return Enumerable.Empty<Site>();
            }

            var fragment = site.Fragment.Body(_parser, definition.Location ?? site.Start, body);
            return Plpgsql(fragment, _parser.ParsePlpgsql(AsFunction(body)));
        }

        private IEnumerable<Site> FunctionBody(Site site)
        {
            if (site.Node.Child("sql_body") is { IsMissing: false } atomic)
            {
                return AtomicBody(site, atomic);
            }

            var options = site.Node.List("options");
            var language = Option(options, "language").Child("arg").StringValue;
            var definition = Option(options, "as");
            var strings = definition.Child("arg").List("items").Select(item => item.StringValue).ToList();
            if (strings is not [{ } body])
            {
                return Enumerable.Empty<Site>(); // no body, or a C function's file and symbol
            }

            var fragment = site.Fragment.Body(_parser, definition.Location ?? site.Start, body);
            return language?.ToUpperInvariant() switch
            {
                "SQL" => Sql(fragment),
                "PLPGSQL" => Plpgsql(fragment, _parser.ParsePlpgsql(site.Fragment.Text(site.Start, site.End))),
                _ => Enumerable.Empty<Site>(),
            };
        }

        /// <summary>BEGIN ATOMIC ... END: the parser has already parsed the statements (RETURN expr holds none).</summary>
        private static IEnumerable<Site> AtomicBody(Site site, PgNode body)
        {
            var statements = body.List("items").FirstOrDefault().List("items");
            var starts = site.Fragment.AtomicStatementStarts(site.Start, site.End);
            return statements.Select((statement, i) => new Site(statement, site.Fragment, starts.Count == statements.Count ? starts[i] : site.Start, site.End));
        }

        private IEnumerable<Site> Sql(SqlFragment fragment)
        {
            var parsed = _parser.Parse(fragment.Utf8);
            return parsed.Succeeded
                ? parsed.Statements.Select(statement => new Site(statement.Node, fragment, fragment.StartOf(statement), statement.Location + statement.Length))
                : Enumerable.Empty<Site>();
        }

        private IEnumerable<Site> Plpgsql(SqlFragment body, PgPlpgsqlResult parsed) =>
            parsed.Error is not null
                ? Enumerable.Empty<Site>()
                : PlpgsqlSql.Of(_parser, parsed.Functions).SelectMany(statement => Sql(body.Line(_parser, statement.Line, statement.Sql)));

        private static bool CreatesTemporaryTable(PgNode statement) =>
            (statement.Is("CreateStmt") ? statement.Child("relation") : statement.Child("into").Child("rel")).GetString("relpersistence") == "t";

        private static PgNode Option(IEnumerable<PgNode> options, string name) =>
            options.FirstOrDefault(option => option.Is("DefElem") && option.GetString("defname") == name);

        private static string FunctionName(PgNode function) =>
            (function.GetBool("is_procedure") ? "procedure '" : "function '")
            + string.Join(".", function.List("funcname").Select(part => part.StringValue)) + "'";

        /// <summary>A DO body as the one PL/pgSQL function libpg_query can parse; its lines stay the body's lines.</summary>
        private static string AsFunction(string body)
        {
            var tag = "$do$";
            for (var i = 1; body.Contains(tag, StringComparison.Ordinal); i++)
            {
                tag = "$do" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "$";
            }

            return "CREATE FUNCTION pg_temp.do_block() RETURNS void LANGUAGE plpgsql AS " + tag + body + tag;
        }
    }
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Embedded;
using Supabase.Build.Migrations.Rules.Versions;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// SQL that the project's PostgreSQL does not have yet. The parser is PostgreSQL 17's, so MERGE ... RETURNING or
/// JSON_TABLE parse here, but a project whose <c>[db] major_version</c> (or SupabasePostgresVersion /
/// <c>--postgres-version</c>) is older would fail at push, or, for a few forms (<c>select 0x1F</c> on 15), run and
/// mean something else. Reported at the construct where the tree or the tokens place it; the message names where the
/// version came from. Also looks into DO blocks and function bodies, which the server parses at CREATE, for the query
/// syntax a body holds (MERGE, SQL/JSON, SYSTEM_USER, AT LOCAL). Nothing to do on 17 (the default) or later.
/// </summary>
public sealed class SB1041RequiresNewerPostgres : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1041", "requires-newer-postgres", DiagnosticSeverity.Error,
        "Use only SQL the project's PostgreSQL version has");

    public void Check(StatementContext context)
    {
        var major = context.PostgresMajorVersion;
        if (major >= NewerSyntax.Newest)
        {
            return;
        }

        InStatement(context, major);

        // BEGIN ATOMIC bodies are part of the statement's own tree (walked above); string bodies are parsed here.
        if (EmbeddedStatements.HasBodies(context.Statement.Node) && context.Statement.Node.Child("sql_body").IsMissing)
        {
            InBodies(context, major);
        }
    }

    /// <summary>The statement's own syntax, each construct once at its place, in source order.</summary>
    private static void InStatement(StatementContext context, int major)
    {
        var uses = NewerSyntax.InStatement(context.Statement.Node, new SyntaxLocator(context));
        if (major < NumericLiterals.Since)
        {
            NumericLiterals.AddTo(context, uses);
        }

        if (uses.Count == 0)
        {
            return; // nearly every statement: nothing to sort, format or remember
        }

        var source = context.PostgresVersion.Describe();
        var reported = new HashSet<(string, int?)>();
        foreach (var use in uses.OrderBy(u => u.At ?? context.Statement.Location))
        {
            if (use.Since > major && reported.Add((use.What, use.At)))
            {
                var span = use.At is { } at ? context.Source.SpanOf(at, 0) : context.Statement.Span;
                context.Report(span, Message(use, string.Empty, source), use.Fix);
            }
        }
    }

    /// <summary>The statements of DO and function bodies, reported at the body statement (once per construct there).</summary>
    private static void InBodies(StatementContext context, int major)
    {
        HashSet<(string, SourceSpan)>? reported = null;
        foreach (var statement in context.StatementsWithBodiesMentioning(NewerSyntax.BodyWords))
        {
            if (statement.Container is null)
            {
                continue; // the statement itself, done with its exact positions
            }

            foreach (var use in NewerSyntax.InBody(statement.Node))
            {
                if (use.Since > major && (reported ??= new HashSet<(string, SourceSpan)>()).Add((use.What, statement.Span)))
                {
                    context.Report(statement.Span, Message(use, statement.Where, context.PostgresVersion.Describe()));
                }
            }
        }
    }

    private static string Message(NewerSyntaxUse use, string where, string source) =>
        $"{use.What}{where} needs PostgreSQL {use.Since}; {source}" + (use.Instead is { } instead ? $"; {instead}" : string.Empty);
}

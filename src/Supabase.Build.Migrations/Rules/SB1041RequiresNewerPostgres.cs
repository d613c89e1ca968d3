using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Versions;

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

        var source = context.PostgresVersion.Describe();
        var reported = new HashSet<(string, int?)>();
        var uses = NewerSyntax.InStatement(context.Statement.Node, new SyntaxLocator(context));
        if (major < NumericLiterals.Since)
        {
            uses.AddRange(NumericLiterals.In(context));
        }

        foreach (var use in uses.Where(u => u.Since > major).OrderBy(u => u.At ?? context.Statement.Location))
        {
            if (reported.Add((use.What, use.At)))
            {
                var span = use.At is { } at ? context.Source.SpanOf(at, 0) : context.Statement.Span;
                context.Report(span, Message(use, string.Empty, source), use.Fix);
            }
        }

        // BEGIN ATOMIC bodies are part of the statement's own tree (walked above); string bodies are parsed here.
        if (!context.Statement.Node.Child("sql_body").IsMissing)
        {
            return;
        }

        foreach (var statement in context.StatementsWithBodiesMentioning(NewerSyntax.BodyWords))
        {
            if (statement.Container is null)
            {
                continue; // the statement itself, done above with its exact positions
            }

            foreach (var use in NewerSyntax.InBody(statement.Node).Where(u => u.Since > major))
            {
                if (reported.Add((use.What + statement.Where, statement.Span.Start.Line)))
                {
                    context.Report(statement.Span, Message(use, statement.Where, source));
                }
            }
        }
    }

    private static string Message(NewerSyntaxUse use, string where, string source) =>
        $"{use.What}{where} needs PostgreSQL {use.Since}; {source}" + (use.Instead is { } instead ? $"; {instead}" : string.Empty);
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.Migrations.Schema.Replay;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// Builds the <see cref="SchemaModel"/> of a migration history by replaying its DDL in version order, starting from
/// the Supabase baseline (what a new Supabase project has before its first migration: the auth and storage schemas,
/// auth.users, auth.uid() and friends) unless told otherwise. Files are parsed in parallel (each once), then applied
/// one statement at a time; statements it cannot follow are SB0004, view columns it cannot type SB0005, and nothing
/// throws for odd SQL. Each session setting (search_path) starts afresh per file, as each migration runs in its own.
/// </summary>
public sealed class SchemaReplay
{
    private readonly PgParser _parser;
    private readonly MigrationParser _migrationParser;

    public SchemaReplay(PgParser parser)
    {
        _parser = parser;
        _migrationParser = new MigrationParser(parser);
    }

    /// <summary>Parses and replays every file of <paramref name="set"/>.</summary>
    public SchemaHistory Replay(MigrationSet set, SchemaReplayOptions? options = null)
    {
        var parsed = new ParsedMigration[set.Files.Count];
        Parallel.For(0, set.Files.Count, i => parsed[i] = _migrationParser.Parse(set.Files[i]));
        return Replay(parsed, options);
    }

    /// <summary>Replays migrations already parsed (in the order given, which should be version order).</summary>
    public SchemaHistory Replay(IReadOnlyList<ParsedMigration> migrations, SchemaReplayOptions? options = null)
    {
        options ??= new SchemaReplayOptions();
        var initial = options.Baseline ?? (options.StartFromSupabaseBaseline ? SupabaseBaseline.Model(_parser) : SchemaModel.Empty);
        var diagnostics = new List<MigrationDiagnostic>();
        var context = new ReplayContext(initial, _parser, diagnostics);
        var keep = options.KeepStates ? options.KeepStateBefore ?? (_ => true) : null;
        var before = new Dictionary<(string, int), SchemaModel>(keep is null ? 0 : StatementCount(migrations, keep));
        var statements = 0;
        foreach (var migration in migrations)
        {
            context.Migration = migration;
            context.SearchPath = ReplayContext.DefaultSearchPath;
            foreach (var statement in migration.Statements)
            {
                if (keep?.Invoke(statement) == true)
                {
                    before[(migration.File.Path, statement.Index)] = context.Model;
                }

                context.Statement = statement;
                ApplySafely(context, statement.Node);
                statements++;
            }
        }

        context.Migration = null;
        context.Statement = null;
        return new SchemaHistory(initial, context.Model, before, diagnostics, statements);
    }

    private static int StatementCount(IReadOnlyList<ParsedMigration> migrations, Func<MigrationStatement, bool> keep)
    {
        var count = 0;
        foreach (var migration in migrations)
        {
            foreach (var statement in migration.Statements)
            {
                count += keep(statement) ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>Applies SQL text (e.g. a baseline script) with no file, no source locations and no diagnostics.</summary>
    public SchemaModel Apply(SchemaModel model, string sql)
    {
        var context = new ReplayContext(model, _parser, new List<MigrationDiagnostic>()) { Reporting = false };
        var parsed = _parser.Parse(sql);
        foreach (var statement in parsed.Statements)
        {
            ApplySafely(context, statement.Node);
        }

        return context.Model;
    }

    private static void ApplySafely(ReplayContext context, PgNode node)
    {
        var saved = context.Model;
        try
        {
            StatementApplier.Apply(context, node);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException or OperationCanceledException))
        {
            // A shape of statement the model does not expect: keep the state before it, say so, and go on.
            context.Model = saved;
            context.Unmodeled($"the schema model could not follow this {node.Kind} statement ({e.GetType().Name}: {e.Message})");
        }
    }
}

/// <summary>How a replay starts and what it keeps.</summary>
public sealed record SchemaReplayOptions
{
    /// <summary>Start from what a new Supabase project already has (auth.users, storage, auth functions). Default true.</summary>
    public bool StartFromSupabaseBaseline { get; init; } = true;

    /// <summary>An explicit starting model (overrides <see cref="StartFromSupabaseBaseline"/>).</summary>
    public SchemaModel? Baseline { get; init; }

    /// <summary>Keep the state before every statement (for rules). Default true; generation turns it off.</summary>
    public bool KeepStates { get; init; } = true;

    /// <summary>
    /// With <see cref="KeepStates"/>: keep the state before only the statements this accepts (default: all). Every
    /// state kept keeps a version of the model alive; <see cref="SchemaHistory.StateBefore(ParsedMigration, MigrationStatement)"/>
    /// answers <see cref="SchemaHistory.Final"/> for a statement whose state was not kept, so ask only about those.
    /// </summary>
    public Func<MigrationStatement, bool>? KeepStateBefore { get; init; }
}

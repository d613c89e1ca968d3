using Supabase.Build.Migrations.Parsing;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// The schema model before each statement of a history, for the rules that ask (SB1010, SB1013, SB1016) and the
/// final one for the schema rules. A long history is replayed file by file on a thread of its own while the files are
/// parsed and linted: a rule that needs file <c>i</c> waits only until the replay has reached it, instead of the whole
/// lint waiting for the whole history. Started when the schema rules run or a cheap look at the parse trees finds a
/// statement that may ask; a short history is replayed by the first question instead; otherwise nothing is replayed.
/// A replay that fails gives no model (rules then fall back to what the statement alone shows).
/// </summary>
internal sealed class HistoryReplay
{
    private readonly IReadOnlyList<ParsedMigration> _migrations;
    private readonly SchemaHistory?[] _histories;
    private readonly object _gate = new();
    private readonly PgParser _parser;
    private int _done; // files replayed so far
    private bool _failed;
    private bool _started;

    public HistoryReplay(PgParser parser, IReadOnlyList<ParsedMigration> migrations)
    {
        _parser = parser;
        _migrations = migrations;
        _histories = new SchemaHistory?[migrations.Count];
    }

    /// <summary>
    /// Histories from this many files are replayed on a thread of their own, beside the parse and the rules; a shorter
    /// one is replayed on the thread that first asks (when the lint runs many histories side by side, a thread for
    /// each would cost more to make than its replay takes).
    /// </summary>
    public const int BesideParseFrom = 64;

    /// <summary>Starts replaying in the background (once).</summary>
    public void Start()
    {
        if (Claim())
        {
            Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Replays here and now unless the replay has started: what a first question does.</summary>
    private void RunUnlessStarted()
    {
        if (Claim())
        {
            Run();
        }
    }

    /// <summary>True for the one caller that gets to run the replay.</summary>
    private bool Claim()
    {
        lock (_gate)
        {
            if (_started)
            {
                return false;
            }

            _started = true;
            return true;
        }
    }

    /// <summary>
    /// The statements whose rules ask for the model before them: ALTER TABLE (SB1010, SB1013 and SB1016, the only rules
    /// that ask). Only their states are kept: a state kept for every statement keeps every version of the model alive
    /// until the lint ends, which costs the collector more than the replay itself.
    /// </summary>
    public static bool AsksForModel(MigrationStatement statement) => statement.Node.Is("AlterTableStmt");

    /// <summary>The model just before <paramref name="statement"/> of file <paramref name="fileIndex"/>; waits for the replay to get there.</summary>
    public SchemaModel? StateBefore(int fileIndex, ParsedMigration migration, MigrationStatement statement)
    {
        if (!AsksForModel(statement))
        {
            throw new InvalidOperationException($"the model before a {statement.Node.Kind} statement is not kept; see {nameof(HistoryReplay)}.{nameof(AsksForModel)}");
        }

        RunUnlessStarted();
        lock (_gate)
        {
            while (!_failed && _done <= fileIndex)
            {
                Monitor.Wait(_gate);
            }

            return _failed ? null : _histories[fileIndex]?.StateBefore(migration, statement);
        }
    }

    /// <summary>The model the whole history ends with; waits for the replay to finish. Null when it failed or no file was read.</summary>
    public SchemaModel? Final()
    {
        RunUnlessStarted();
        lock (_gate)
        {
            while (!_failed && _done < _migrations.Count)
            {
                Monitor.Wait(_gate);
            }

            return _failed ? null : _histories.LastOrDefault(h => h is not null)?.Final;
        }
    }

    private void Run()
    {
        var replay = new SchemaReplay(_parser);
        SchemaModel? model = null;
        for (var i = 0; i < _migrations.Count; i++)
        {
            SchemaHistory? history = null;
            try
            {
                if (_migrations[i].Source is not null)
                {
                    history = replay.Replay(new[] { _migrations[i] }, new SchemaReplayOptions
                    {
                        Baseline = model,
                        StartFromSupabaseBaseline = model is null,
                        KeepStateBefore = AsksForModel,
                    });
                    model = history.Final;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException or NullReferenceException or FormatException or InvalidDataException or IndexOutOfRangeException)
            {
                lock (_gate)
                {
                    _failed = true;
                    Monitor.PulseAll(_gate);
                }

                return;
            }

            lock (_gate)
            {
                _histories[i] = history;
                _done = i + 1;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// True when some statement of the history will ask for the model, by the same tests the rules make before they
    /// ask: a type change to a type some change reaches without a rewrite (SB1013), a SET NOT NULL that a CHECK added
    /// somewhere in the history may prove (SB1010), a new column whose default calls a function that is not a known
    /// built-in (SB1016). Only then is the replay started early; otherwise nothing is replayed unless asked.
    /// </summary>
    public static bool MayBeNeeded(IEnumerable<ParsedMigration> migrations, HistoryFacts facts) =>
        migrations.SelectMany(m => m.Statements).Any(s => s.Node.Is("AlterTableStmt") && s.Node.List("cmds").Any(c => c.GetString("subtype") switch
        {
            "AT_AlterColumnType" => Rules.SB1013ChangingColumnType.MayAskForHistory(c.Child("def")),
            "AT_SetNotNull" => s.Node.Child("relation").GetString("relname") is { } table && c.GetString("name") is { } column && facts.MayHaveNotNullCheck(table, column),
            "AT_AddColumn" => c.Child("def").List("constraints").Any(k => k.GetString("contype") == "CONSTR_DEFAULT" && Rules.Sql.CallsUnknownFunction(k.Child("raw_expr"))),
            _ => false,
        }));
}

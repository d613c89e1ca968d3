using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Parsing;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// The files of a set, parsed on worker threads in file order (each once). Reading file <c>i</c> waits until it is
/// parsed, so the history replay can follow the parse file by file instead of waiting for the whole set: on a long
/// history the replay (one thread, file order) is the longest chain of the lint, and this starts it at once.
/// </summary>
internal sealed class ParsedInOrder : IReadOnlyList<ParsedMigration>
{
    private readonly MigrationSet _set;
    private readonly MigrationParser _parser;
    private readonly ParsedMigration?[] _files;
    private readonly object _gate = new();
    private Exception? _failure;

    private ParsedInOrder(MigrationSet set, MigrationParser parser)
    {
        _set = set;
        _parser = parser;
        _files = new ParsedMigration?[set.Files.Count];
    }

    public int Count => _files.Length;

    /// <summary>File <paramref name="index"/>, once it is parsed.</summary>
    public ParsedMigration this[int index]
    {
        get
        {
            if (Volatile.Read(ref _files[index]) is { } ready)
            {
                return ready;
            }

            lock (_gate)
            {
                while (_files[index] is null && _failure is null)
                {
                    Monitor.Wait(_gate);
                }

                return _files[index] ?? throw new InvalidOperationException("a migration could not be parsed", _failure);
            }
        }
    }

    /// <summary>The files of <paramref name="set"/>, none parsed yet: readers wait until <see cref="ParseAll"/> gets to theirs.</summary>
    public static ParsedInOrder For(MigrationSet set, MigrationParser parser) => new(set, parser);

    /// <summary>
    /// Parses every file on this thread and up to
    /// <paramref name="workers"/> - 1 more, files handed out in order; returns when all are parsed. This thread works
    /// too rather than only waiting, so the parse goes on even when every pool thread is busy with other histories.
    /// </summary>
    public void ParseAll(int workers)
    {
        var next = -1;
        void Work()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < _files.Length)
            {
                try
                {
                    var file = _parser.Parse(_set.Files[index]);
                    lock (_gate)
                    {
                        _files[index] = file;
                        Monitor.PulseAll(_gate);
                    }
                }
                catch (Exception e)
                {
                    lock (_gate)
                    {
                        _failure ??= e;
                        Monitor.PulseAll(_gate);
                    }

                    throw;
                }
            }
        }

        var helpers = Enumerable.Range(0, Math.Max(0, Math.Min(workers, _files.Length) - 1)).Select(_ => Task.Run(Work)).ToArray();
        Work();
        Task.WaitAll(helpers); // a helper that never got a thread runs here, finding nothing left to do
    }

    public IEnumerator<ParsedMigration> GetEnumerator()
    {
        for (var i = 0; i < _files.Length; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

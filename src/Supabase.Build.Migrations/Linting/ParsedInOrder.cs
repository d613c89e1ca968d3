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
    private readonly ParsedMigration?[] _files;
    private readonly object _gate = new();
    private Exception? _failure;

    private ParsedInOrder(int count) => _files = new ParsedMigration?[count];

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

    /// <summary>
    /// Starts parsing every file of <paramref name="set"/> on up to <paramref name="workers"/> threads (files handed
    /// out in order) and returns at once; <see cref="Completion"/> ends when every file is parsed.
    /// </summary>
    public static ParsedInOrder Start(MigrationSet set, MigrationParser parser, int workers, out Task completion)
    {
        var parsed = new ParsedInOrder(set.Files.Count);
        var next = -1;
        void Work()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < set.Files.Count)
            {
                try
                {
                    var file = parser.Parse(set.Files[index]);
                    lock (parsed._gate)
                    {
                        parsed._files[index] = file;
                        Monitor.PulseAll(parsed._gate);
                    }
                }
                catch (Exception e)
                {
                    lock (parsed._gate)
                    {
                        parsed._failure ??= e;
                        Monitor.PulseAll(parsed._gate);
                    }

                    throw;
                }
            }
        }

        var count = Math.Max(1, Math.Min(workers, set.Files.Count));
        completion = Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(Work)));
        return parsed;
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

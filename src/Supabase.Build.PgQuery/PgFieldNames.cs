using System.Collections.Concurrent;
using System.Text;

namespace Supabase.Build.PgQuery;

/// <summary>
/// The field names of libpg_query's JSON ("relation", "relname", "location", ...), each made into a string once per
/// parser and shared by every tree: a history has millions of fields but only a few hundred distinct names. Node
/// kinds ("RangeVar", ...) also get a small number, which is what a tree stores for each node.
/// </summary>
internal sealed class PgFieldNames
{
    // Names are short ASCII words from the grammar's node definitions; a bound keeps odd input from growing the table.
    private const int MaxNames = 4096;
    private readonly ConcurrentDictionary<ulong, string> _byHash = new();
    private readonly ConcurrentDictionary<string, int> _kindIds = new(StringComparer.Ordinal);
    private readonly string[] _kinds = new string[MaxNames];
    private readonly object _gate = new();
    private int _kindCount;

    /// <summary>The number of a node kind (the same for the life of this table).</summary>
    public int IdOf(string kind)
    {
        if (_kindIds.TryGetValue(kind, out var id))
        {
            return id;
        }

        lock (_gate)
        {
            if (_kindIds.TryGetValue(kind, out id))
            {
                return id;
            }

            if (_kindCount == MaxNames)
            {
                throw new InvalidDataException($"libpg_query returned more than {MaxNames} node kinds");
            }

            id = _kindCount;
            Volatile.Write(ref _kinds[id], kind);
            _kindCount++;
            _kindIds[kind] = id;
            return id;
        }
    }

    /// <summary>The node kind numbered <paramref name="id"/> by <see cref="IdOf"/>.</summary>
    public string NameOf(int id) => Volatile.Read(ref _kinds[id]);

    public string Get(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        if (_byHash.TryGetValue(hash, out var known) && SameText(known, utf8))
        {
            return known;
        }

        var name = Encoding.UTF8.GetString(utf8);
        if (_byHash.Count < MaxNames)
        {
            _byHash.TryAdd(hash, name);
        }

        return name;
    }

    private static ulong Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = 14695981039346656037UL; // FNV-1a
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash ^ (ulong)utf8.Length;
    }

    private static bool SameText(string known, ReadOnlySpan<byte> utf8)
    {
        if (known.Length != utf8.Length)
        {
            return false;
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (known[i] != utf8[i])
            {
                return false;
            }
        }

        return true;
    }
}

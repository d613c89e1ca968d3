using System.Collections.Concurrent;
using System.Text;

namespace Supabase.Build.PgQuery;

/// <summary>
/// The names in libpg_query's JSON (fields such as "relation" and "location", node kinds such as "RangeVar"), each
/// numbered once per parser: trees store the small number, so a field costs two bytes and holds no reference for
/// the garbage collector to trace, and a lookup compares numbers. A history has millions of fields but only a few
/// hundred distinct names.
/// </summary>
internal sealed class PgFieldNames
{
    // The grammar's node definitions have under a thousand names; the bound keeps the tables small and fixed.
    private const int MaxNames = 4096;
    private const int CacheSlots = 4096;
    private const int Utf8Slots = 2 * MaxNames; // open addressing, never more than half full
    private readonly Utf8Name?[] _byUtf8 = new Utf8Name?[Utf8Slots];
    private readonly ConcurrentDictionary<string, int> _idsByName = new(StringComparer.Ordinal);
    private readonly string[] _names = new string[MaxNames];
    private readonly NameId?[] _recent = new NameId?[CacheSlots]; // the names rules ask for are a few hundred literals
    private readonly object _gate = new();
    private int _count;

    /// <summary>The number of a name read from the JSON (a lock-free probe of a small table: this runs for every field).</summary>
    public ushort IdOf(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        for (var probe = 0; probe < Utf8Slots; probe++)
        {
            var slot = (int)((hash + (ulong)probe) & (Utf8Slots - 1));
            var entry = Volatile.Read(ref _byUtf8[slot]);
            if (entry is null)
            {
                break;
            }

            if (entry.Hash == hash && entry.Utf8.AsSpan().SequenceEqual(utf8))
            {
                return entry.Id;
            }
        }

        var id = (ushort)Add(Encoding.UTF8.GetString(utf8));
        lock (_gate)
        {
            for (var probe = 0; probe < Utf8Slots; probe++)
            {
                var slot = (int)((hash + (ulong)probe) & (Utf8Slots - 1));
                if (_byUtf8[slot] is { } taken)
                {
                    if (taken.Hash == hash && taken.Utf8.AsSpan().SequenceEqual(utf8))
                    {
                        break; // another thread put it there
                    }

                    continue;
                }

                Volatile.Write(ref _byUtf8[slot], new Utf8Name(hash, id, utf8.ToArray()));
                break;
            }
        }

        return id;
    }

    /// <summary>The number of a name, adding it when new.</summary>
    public ushort IdOf(string name) => (ushort)(Find(name) is { } id and >= 0 ? id : Add(name));

    /// <summary>The number of a name a caller asks for, or -1 when no tree has that name (so no field can match).</summary>
    public int Find(string name)
    {
        var slot = name.Length == 0 ? 0 : (name.Length * 257 + name[0] * 31 + name[name.Length / 2] * 7 + name[^1]) & (CacheSlots - 1);
        var recent = Volatile.Read(ref _recent[slot]);
        if (recent is not null && ReferenceEquals(recent.Name, name))
        {
            return recent.Id;
        }

        if (!_idsByName.TryGetValue(name, out var id))
        {
            return -1;
        }

        Volatile.Write(ref _recent[slot], new NameId(name, id));
        return id;
    }

    public string NameOf(int id) => Volatile.Read(ref _names[id]);

    private int Add(string name)
    {
        lock (_gate)
        {
            if (_idsByName.TryGetValue(name, out var id))
            {
                return id;
            }

            if (_count == MaxNames)
            {
                throw new InvalidDataException($"libpg_query returned more than {MaxNames} distinct names");
            }

            id = _count;
            Volatile.Write(ref _names[id], name);
            _count++;
            _idsByName[name] = id;
            return id;
        }
    }

    /// <summary>A cheap hash of a short name: its length and its first and last eight bytes, mixed.</summary>
    private static ulong Hash(ReadOnlySpan<byte> utf8)
    {
        ulong head, tail;
        if (utf8.Length >= 8)
        {
            head = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(utf8);
            tail = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..]);
        }
        else
        {
            head = 0;
            foreach (var b in utf8)
            {
                head = (head << 8) | b;
            }

            tail = 0;
        }

        var hash = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)utf8.Length;
        return hash ^ (hash >> 29);
    }

    private sealed record NameId(string Name, int Id);

    private sealed record Utf8Name(ulong Hash, ushort Id, byte[] Utf8);
}

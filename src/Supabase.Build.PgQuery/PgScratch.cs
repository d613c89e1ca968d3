namespace Supabase.Build.PgQuery;

/// <summary>
/// The working space of a parse or scan, reused by every call a parser's thread makes: <see cref="PgTree"/>'s reader and
/// the <see cref="ManagedScanner"/> collect their results here, then copy them out at their exact size, so a call
/// allocates only what its result keeps.
/// </summary>
internal sealed class PgScratch
{
    public GrowableBuffer<PgToken> Tokens { get; } = new();

    public GrowableBuffer<PgObject> Objects { get; } = new();

    public GrowableBuffer<ushort> FieldNames { get; } = new();

    public GrowableBuffer<PgValue> FieldValues { get; } = new();

    public GrowableBuffer<PgValue> Items { get; } = new();

    public GrowableBuffer<byte> StringBytes { get; } = new();

    public GrowableBuffer<PgStringSpan> Strings { get; } = new();

    public GrowableBuffer<int> PendingNames { get; } = new();

    public GrowableBuffer<PgValue> PendingValues { get; } = new();

    public GrowableBuffer<(bool IsArray, int PendingStart)> Open { get; } = new();
}

/// <summary>A run of values that grows by doubling and is emptied for reuse (never shrinks).</summary>
internal sealed class GrowableBuffer<T>
{
    private T[] _items = new T[256];

    public int Count { get; set; }

    public T this[int index] => _items[index];

    /// <summary>Empties the buffer (the space stays) and returns it.</summary>
    public GrowableBuffer<T> Reset()
    {
        Count = 0;
        return this;
    }

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = item;
    }

    public void AddRange(ReadOnlySpan<T> items)
    {
        if (Count + items.Length > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(Count + items.Length, _items.Length * 2));
        }

        items.CopyTo(_items.AsSpan(Count));
        Count += items.Length;
    }

    public ReadOnlySpan<T> Slice(int start, int length) => new(_items, start, length);

    public T[] ToArray() => Count == 0 ? Array.Empty<T>() : _items.AsSpan(0, Count).ToArray();
}

using System.Collections;

namespace Supabase.Build.PgQuery;

/// <summary>
/// The nodes of a list field of a <see cref="PgNode"/>, read in place from the tree: rules walk lists for nearly every
/// statement, so iterating one with <c>foreach</c> makes no array and no enumerator object.
/// </summary>
public readonly struct PgNodeList : IReadOnlyList<PgNode>
{
    private readonly PgTree? _tree;
    private readonly PgValue _array;
    private readonly int _baseOffset;

    internal PgNodeList(PgTree? tree, PgValue array, int baseOffset)
    {
        _tree = tree;
        _array = array;
        _baseOffset = baseOffset;
    }

    public int Count => _tree is null ? 0 : _array.B;

    public PgNode this[int index] => (uint)index < (uint)Count
        ? PgNode.Of(_tree!, _tree!.ItemsOf(_array)[index], _baseOffset)
        : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>True when the list has a node (the JSON leaves empty lists out, so absent and empty read the same).</summary>
    public bool Any() => Count > 0;

    /// <summary>True when a node matches (what LINQ's Any does, without boxing the list's enumerator).</summary>
    public bool Any(Func<PgNode, bool> predicate)
    {
        foreach (var node in this)
        {
            if (predicate(node))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when every node matches (or the list is empty).</summary>
    public bool All(Func<PgNode, bool> predicate)
    {
        foreach (var node in this)
        {
            if (!predicate(node))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first node that matches, or a missing one.</summary>
    public PgNode FirstOrDefault(Func<PgNode, bool> predicate)
    {
        foreach (var node in this)
        {
            if (predicate(node))
            {
                return node;
            }
        }

        return default;
    }

    public PgNode First() => this[0];

    /// <summary>The first node, or a missing one (<see cref="PgNode.IsMissing"/>) when the list is empty.</summary>
    public PgNode FirstOrDefault() => Count > 0 ? this[0] : default;

    /// <summary>The last node, or a missing one when the list is empty.</summary>
    public PgNode LastOrDefault() => Count > 0 ? this[Count - 1] : default;

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<PgNode> IEnumerable<PgNode>.GetEnumerator() => GetEnumerator(); // boxed: LINQ and other interface callers

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The allocation-free enumerator <c>foreach</c> uses.</summary>
    public struct Enumerator : IEnumerator<PgNode>
    {
        private readonly PgNodeList _list;
        private int _index;

        internal Enumerator(PgNodeList list)
        {
            _list = list;
            _index = -1;
        }

        public readonly PgNode Current => _list[_index];

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < _list.Count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}

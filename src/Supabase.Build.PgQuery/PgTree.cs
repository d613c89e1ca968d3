using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Supabase.Build.PgQuery;

/// <summary>
/// One parse result of libpg_query, read from its JSON into flat arrays that <see cref="PgNode"/> indexes into:
/// objects (each a run of named fields), array items, and the bytes of string values (decoded when a rule first
/// reads one, then kept). A wrapped node (<c>{"Kind": {...}}</c>) is stored as its kind and its fields, with no
/// object of its own. Built in one pass straight from the native buffer, with pooled scratch space and exact-size
/// results, because a history has millions of nodes that all live until its lint ends: every byte kept is a byte
/// the garbage collector copies and marks.
/// </summary>
internal sealed class PgTree
{
    private readonly PgObject[] _objects;
    private readonly ushort[] _fieldNames;
    private readonly PgValue[] _fieldValues;
    private readonly PgValue[] _items;
    private readonly byte[] _stringBytes;
    private readonly PgStringSpan[] _strings;
    private string?[]? _decoded; // made on the first string read: many trees are never asked for one
    private readonly PgFieldNames _names;

    private PgTree(PgObject[] objects, ushort[] fieldNames, PgValue[] fieldValues, PgValue[] items, byte[] stringBytes, PgStringSpan[] strings, PgValue root, PgFieldNames names)
    {
        _objects = objects;
        _fieldNames = fieldNames;
        _fieldValues = fieldValues;
        _items = items;
        _stringBytes = stringBytes;
        _strings = strings;
        _names = names;
        Root = root;
    }

    /// <summary>The top-level value of the document.</summary>
    public PgValue Root { get; }

    /// <summary>Reads libpg_query's JSON (well formed; any shape). Field names are shared through <paramref name="names"/>.</summary>
    public static PgTree Parse(ReadOnlySpan<byte> json, PgFieldNames names, PgScratch scratch) => new Builder(json, names, scratch).Build();

    /// <summary>The node type of an object value (null for an inline struct).</summary>
    public string? KindOf(PgValue value) => value.B > 0 ? _names.NameOf(value.B - 1) : null;

    /// <summary>The field named <paramref name="name"/> of an object; <see cref="PgValueType.None"/> when absent.</summary>
    public PgValue Field(int objectIndex, string name)
    {
        var id = _names.Find(name);
        if (id < 0)
        {
            return default;
        }

        var entry = _objects[objectIndex];
        var names = _fieldNames;
        for (var i = entry.First; i < entry.First + entry.Count; i++)
        {
            if (names[i] == id)
            {
                return _fieldValues[i];
            }
        }

        return default;
    }

    /// <summary>The values of an object's fields, in order.</summary>
    public ReadOnlySpan<PgValue> FieldValuesOf(int objectIndex)
    {
        var entry = _objects[objectIndex];
        return new ReadOnlySpan<PgValue>(_fieldValues, entry.First, entry.Count);
    }

    public ReadOnlySpan<PgValue> ItemsOf(PgValue array) => new(_items, array.A, array.B);

    public string StringOf(PgValue value)
    {
        var decodedStrings = Volatile.Read(ref _decoded);
        if (decodedStrings is null)
        {
            Interlocked.CompareExchange(ref _decoded, new string?[_strings.Length], null);
            decodedStrings = _decoded!;
        }

        var cached = Volatile.Read(ref decodedStrings[value.A]);
        if (cached is not null)
        {
            return cached;
        }

        var span = _strings[value.A];
        var raw = _stringBytes.AsSpan(span.Start, span.Length);
        var decoded = span.Escaped ? Unescape(raw) : Encoding.UTF8.GetString(raw);
        Volatile.Write(ref decodedStrings[value.A], decoded); // two threads may both decode: the same text either way
        return decoded;
    }

    /// <summary>Writes a value back as JSON (for <see cref="PgNode.Fields"/> and <see cref="PgNode.ToString"/>).</summary>
    public void WriteJson(PgValue value, StringBuilder text, bool wrapped = true)
    {
        switch (value.Type)
        {
            case PgValueType.Object:
                if (wrapped && KindOf(value) is { } kind)
                {
                    text.Append("{\"").Append(kind).Append("\":");
                    WriteJson(value, text, wrapped: false);
                    text.Append('}');
                    break;
                }

                text.Append('{');
                var entry = _objects[value.A];
                for (var i = entry.First; i < entry.First + entry.Count; i++)
                {
                    text.Append(i == entry.First ? "\"" : ",\"").Append(_names.NameOf(_fieldNames[i])).Append("\":");
                    WriteJson(_fieldValues[i], text);
                }

                text.Append('}');
                break;
            case PgValueType.Array:
                text.Append('[');
                for (var i = 0; i < value.B; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    WriteJson(_items[value.A + i], text);
                }

                text.Append(']');
                break;
            case PgValueType.String:
                var span = _strings[value.A];
                text.Append('"').Append(Encoding.UTF8.GetString(_stringBytes, span.Start, span.Length)).Append('"');
                break;
            case PgValueType.Number:
                text.Append(value.A);
                break;
            case PgValueType.True:
                text.Append("true");
                break;
            case PgValueType.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    /// <summary>A JSON string's text with its escapes undone: into UTF-8 first, so one string is made.</summary>
    private static string Unescape(ReadOnlySpan<byte> raw)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(raw.Length); // never longer than the escaped form
        try
        {
            var length = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                var b = raw[i];
                if (b != (byte)'\\' || i + 1 >= raw.Length)
                {
                    buffer[length++] = b;
                    continue;
                }

                var escape = raw[++i];
                if (escape == (byte)'u' && i + 4 < raw.Length && TryHex(raw.Slice(i + 1, 4), out var unit))
                {
                    i += 4;
                    var scalar = (int)unit;
                    if (char.IsHighSurrogate((char)unit) && i + 6 < raw.Length && raw[i + 1] == (byte)'\\' && raw[i + 2] == (byte)'u'
                        && TryHex(raw.Slice(i + 3, 4), out var low) && char.IsLowSurrogate((char)low))
                    {
                        scalar = char.ConvertToUtf32((char)unit, (char)low);
                        i += 6;
                    }

                    length += new Rune(Rune.IsValid(scalar) ? scalar : 0xFFFD).EncodeToUtf8(buffer.AsSpan(length));
                    continue;
                }

                buffer[length++] = escape switch
                {
                    (byte)'n' => (byte)'\n',
                    (byte)'t' => (byte)'\t',
                    (byte)'r' => (byte)'\r',
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    _ => escape, // \" \\ \/
                };
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out ushort value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            var nibble = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                return false;
            }

            value = (ushort)((value << 4) | nibble);
        }

        return true;
    }

    /// <summary>
    /// A one-pass reader of the JSON into the flat arrays. Open containers keep their values on a stack of pending
    /// (name, value) pairs and move them into the result when they close, so nesting depth costs no call stack.
    /// </summary>
    private ref struct Builder
    {
        private readonly ReadOnlySpan<byte> _json;
        private readonly PgFieldNames _names;
        private readonly GrowableBuffer<PgObject> _objects;
        private readonly GrowableBuffer<ushort> _fieldNames;
        private readonly GrowableBuffer<PgValue> _fieldValues;
        private readonly GrowableBuffer<PgValue> _items;
        private readonly GrowableBuffer<byte> _stringBytes;
        private readonly GrowableBuffer<PgStringSpan> _strings;
        private readonly GrowableBuffer<int> _pendingNames; // name ids; -1 for an array item
        private readonly GrowableBuffer<PgValue> _pendingValues;
        private readonly GrowableBuffer<(bool IsArray, int PendingStart)> _open;
        private int _position;

        public Builder(ReadOnlySpan<byte> json, PgFieldNames names, PgScratch scratch)
        {
            _json = json;
            _names = names;
            _objects = scratch.Objects.Reset();
            _fieldNames = scratch.FieldNames.Reset();
            _fieldValues = scratch.FieldValues.Reset();
            _items = scratch.Items.Reset();
            _stringBytes = scratch.StringBytes.Reset();
            _strings = scratch.Strings.Reset();
            _pendingNames = scratch.PendingNames.Reset();
            _pendingValues = scratch.PendingValues.Reset();
            _open = scratch.Open.Reset();
            _position = 0;
        }

        public PgTree Build()
        {
            var root = Read();
            return new PgTree(
                _objects.ToArray(), _fieldNames.ToArray(), _fieldValues.ToArray(), _items.ToArray(), _stringBytes.ToArray(), _strings.ToArray(), root, _names);
        }

        private PgValue Read()
        {
            var name = -1;
            while (true)
            {
                SkipWhitespace();
                if (_open.Count > 0)
                {
                    var (isArray, _) = _open[_open.Count - 1];
                    var c0 = Peek();
                    if (c0 == (isArray ? (byte)']' : (byte)'}'))
                    {
                        _position++;
                        if (Close(out var closed) || AfterValue(out closed))
                        {
                            return closed;
                        }

                        continue;
                    }

                    if (!isArray)
                    {
                        name = ReadName();
                        SkipWhitespace();
                        Expect((byte)':');
                        SkipWhitespace();
                    }
                }

                var c = Peek();
                if (c == (byte)'{' || c == (byte)'[')
                {
                    _position++;
                    _open.Add((c == (byte)'[', _pendingValues.Count));
                    _pendingNames.Add(name); // the slot the container fills when it closes
                    _pendingValues.Add(default);
                    name = -1;
                    continue;
                }

                var value = ReadScalar();
                if (_open.Count == 0)
                {
                    return value;
                }

                _pendingNames.Add(name);
                _pendingValues.Add(value);
                name = -1;
                if (AfterValue(out var done))
                {
                    return done;
                }
            }
        }

        /// <summary>After a value inside a container: a comma (go on), or ends of containers (close them). True when the document is done.</summary>
        private bool AfterValue(out PgValue root)
        {
            while (true)
            {
                SkipWhitespace();
                var c = Peek();
                if (c == (byte)',')
                {
                    _position++;
                    root = default;
                    return false;
                }

                if (c != (byte)'}' && c != (byte)']')
                {
                    throw Malformed();
                }

                _position++;
                if (Close(out root))
                {
                    return true;
                }
            }
        }

        /// <summary>Moves the innermost container into the result. True when it was the document itself.</summary>
        private bool Close(out PgValue root)
        {
            var (isArray, start) = _open[_open.Count - 1];
            _open.Count--;
            var count = _pendingValues.Count - start - 1;
            var values = _pendingValues.Slice(start + 1, count);
            PgValue value;
            if (isArray)
            {
                value = new PgValue(_items.Count, count, PgValueType.Array);
                _items.AddRange(values);
            }
            else if (count == 1 && values[0].Type == PgValueType.Object && values[0].B == 0
                     && _pendingNames[start + 1] is >= 0 and var kind && _names.NameOf(kind) is { Length: > 0 } kindName && char.IsUpper(kindName[0]))
            {
                // {"Kind": {...}}: the node is the inner object, of that kind.
                value = new PgValue(values[0].A, kind + 1, PgValueType.Object);
            }
            else
            {
                _objects.Add(new PgObject(_fieldValues.Count, count));
                for (var i = 0; i < count; i++)
                {
                    _fieldNames.Add((ushort)_pendingNames[start + 1 + i]);
                }

                _fieldValues.AddRange(values);
                value = new PgValue(_objects.Count - 1, 0, PgValueType.Object);
            }

            _pendingNames.Count = start;
            _pendingValues.Count = start;
            if (_open.Count == 0)
            {
                root = value;
                return true;
            }

            _pendingNames.Add(_pendingNames[start]);
            _pendingValues.Add(value);
            root = default;
            return false;
        }

        private PgValue ReadScalar()
        {
            switch (Peek())
            {
                case (byte)'"':
                    var (start, length, escaped) = ReadStringSpan();
                    _strings.Add(new PgStringSpan(_stringBytes.Count, length, escaped));
                    _stringBytes.AddRange(_json.Slice(start, length));
                    return new PgValue(_strings.Count - 1, 0, PgValueType.String);
                case (byte)'t':
                    _position += 4;
                    return new PgValue(1, 0, PgValueType.True);
                case (byte)'f':
                    _position += 5;
                    return new PgValue(0, 0, PgValueType.False);
                case (byte)'n':
                    _position += 4;
                    return default;
                default:
                    return new PgValue(ReadNumber(), 0, PgValueType.Number);
            }
        }

        private int ReadNumber()
        {
            var start = _position;
            long value = 0;
            var negative = false;
            if (Peek() == (byte)'-')
            {
                negative = true;
                _position++;
            }

            while (_position < _json.Length && _json[_position] is >= (byte)'0' and <= (byte)'9')
            {
                value = Math.Min(value * 10 + (_json[_position] - '0'), (long)int.MaxValue + 1);
                _position++;
            }

            // A fraction or exponent (not written by libpg_query, whose floats are strings): keep the integer part.
            while (_position < _json.Length && _json[_position] is (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-' or >= (byte)'0' and <= (byte)'9')
            {
                _position++;
            }

            if (_position == start)
            {
                throw Malformed();
            }

            return (int)Math.Clamp(negative ? -value : value, int.MinValue, int.MaxValue);
        }

        private int ReadName()
        {
            var (start, length, escaped) = ReadStringSpan();
            var raw = _json.Slice(start, length);
            return escaped ? _names.IdOf(Unescape(raw)) : _names.IdOf(raw);
        }

        /// <summary>Where the text between the quotes of a string is, and whether it has escapes.</summary>
        private (int Start, int Length, bool Escaped) ReadStringSpan()
        {
            Expect((byte)'"');
            var start = _position;
            var escaped = false;
            while (true)
            {
                var stop = _json.Slice(_position).IndexOfAny((byte)'"', (byte)'\\');
                if (stop < 0)
                {
                    throw Malformed();
                }

                if (_json[_position + stop] == (byte)'"')
                {
                    _position += stop + 1;
                    return (start, _position - 1 - start, escaped);
                }

                escaped = true;
                _position += stop + 2;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void SkipWhitespace()
        {
            while (_position < _json.Length && _json[_position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            {
                _position++;
            }
        }

        private readonly byte Peek() => _position < _json.Length ? _json[_position] : throw Malformed();

        private void Expect(byte c)
        {
            if (Peek() != c)
            {
                throw Malformed();
            }

            _position++;
        }

        private readonly InvalidDataException Malformed() => new($"libpg_query returned JSON this reader does not understand (at byte {_position})");
    }
}

internal enum PgValueType : byte
{
    None,
    Object,
    Array,
    String,
    Number,
    True,
    False,
}

/// <summary>
/// A value, in eight bytes (a history has millions). Object: <see cref="A"/> is the object's index, <see cref="B"/>
/// its kind's name id + 1 (0: an inline struct). Array: items <see cref="A"/> to <see cref="A"/> + <see cref="B"/>.
/// String: <see cref="A"/> is the string's index. Number: <see cref="A"/> is the value. The type is in B's top bits.
/// </summary>
internal readonly struct PgValue
{
    private const int TypeShift = 29;
    private const int PayloadMask = (1 << TypeShift) - 1;
    private readonly int _typeAndB;

    public PgValue(int a, int b, PgValueType type)
    {
        A = a;
        _typeAndB = ((int)type << TypeShift) | (b & PayloadMask);
    }

    public int A { get; }

    public int B => _typeAndB & PayloadMask;

    public PgValueType Type => (PgValueType)((uint)_typeAndB >> TypeShift);
}

/// <summary>An object: its fields are <see cref="First"/> to <see cref="First"/> + <see cref="Count"/>.</summary>
internal readonly record struct PgObject(int First, int Count);

/// <summary>Where a string's bytes are, and whether they hold JSON escapes (the sign bit of the length).</summary>
internal readonly struct PgStringSpan
{
    private readonly int _lengthAndEscaped;

    public PgStringSpan(int start, int length, bool escaped)
    {
        Start = start;
        _lengthAndEscaped = escaped ? ~length : length;
    }

    public int Start { get; }

    public int Length => _lengthAndEscaped < 0 ? ~_lengthAndEscaped : _lengthAndEscaped;

    public bool Escaped => _lengthAndEscaped < 0;
}

using System.Text.Json;

namespace Supabase.Build.PgQuery;

/// <summary>
/// One node of libpg_query's JSON parse tree, e.g. <c>{"IndexStmt": {...}}</c>. <see cref="Kind"/> is the node
/// type (empty for the inline structs the JSON writes without a wrapper, such as a RangeVar in CreateStmt.relation).
/// Locations are byte offsets in the text that was parsed, shifted by the offset of the fragment when a
/// fragment of a larger file was parsed on its own.
/// </summary>
public readonly struct PgNode
{
    private readonly JsonElement _fields;
    private readonly int _baseOffset;
    private readonly string? _kind;

    internal PgNode(string kind, JsonElement fields, int baseOffset)
    {
        _kind = kind;
        _fields = fields;
        _baseOffset = baseOffset;
    }

    public string Kind => _kind ?? string.Empty;

    /// <summary>True for the default value: the field asked for was absent.</summary>
    public bool IsMissing => _kind is null;

    /// <summary>Byte offset of the node in the parsed text, when the parser recorded one.</summary>
    public int? Location => _fields.ValueKind == JsonValueKind.Object && _fields.TryGetProperty("location", out var l) && l.GetInt32() >= 0
        ? l.GetInt32() + _baseOffset
        : null;

    /// <summary>The raw fields, for what the helpers below do not cover.</summary>
    public JsonElement Fields => _fields;

    /// <summary>Wraps a JSON value that is a node: a one-property object named by its type, or an inline struct.</summary>
    internal static PgNode FromJson(JsonElement element, int baseOffset)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            using var properties = element.EnumerateObject();
            if (properties.MoveNext())
            {
                var first = properties.Current;
                if (!properties.MoveNext() && first.Value.ValueKind == JsonValueKind.Object && first.Name.Length > 0 && char.IsUpper(first.Name[0]))
                {
                    return new PgNode(first.Name, first.Value, baseOffset);
                }
            }
        }

        return new PgNode(string.Empty, element, baseOffset);
    }

    public bool Is(string kind) => string.Equals(Kind, kind, StringComparison.Ordinal);

    public bool Has(string field) => _fields.ValueKind == JsonValueKind.Object && _fields.TryGetProperty(field, out _);

    /// <summary>The node in a field; <see cref="IsMissing"/> when the field is absent.</summary>
    public PgNode Child(string field) =>
        _fields.ValueKind == JsonValueKind.Object && _fields.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Object
            ? FromJson(value, _baseOffset)
            : default;

    /// <summary>The nodes of a list field (empty when absent).</summary>
    public IEnumerable<PgNode> List(string field)
    {
        if (_fields.ValueKind != JsonValueKind.Object || !_fields.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in value.EnumerateArray())
        {
            yield return FromJson(item, _baseOffset);
        }
    }

    /// <summary>A string field (enums are strings too, e.g. <c>"removeType": "OBJECT_TABLE"</c>).</summary>
    public string? GetString(string field) =>
        _fields.ValueKind == JsonValueKind.Object && _fields.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A boolean field; the JSON leaves false out.</summary>
    public bool GetBool(string field) =>
        _fields.ValueKind == JsonValueKind.Object && _fields.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>An integer field; the JSON leaves 0 out.</summary>
    public int GetInt(string field) =>
        _fields.ValueKind == JsonValueKind.Object && _fields.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt32()
            : 0;

    /// <summary>The value of a <c>String</c> node (<c>{"String": {"sval": "..."}}</c>), else null.</summary>
    public string? StringValue => Is("String") ? GetString("sval") : null;

    /// <summary>This node and every node below it, depth first, in source order of the JSON.</summary>
    public IEnumerable<PgNode> DescendantsAndSelf()
    {
        if (IsMissing)
        {
            yield break;
        }

        var stack = new Stack<PgNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            var children = new List<PgNode>();
            node.CollectChildren(children);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    private void CollectChildren(List<PgNode> children)
    {
        if (_fields.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in _fields.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    children.Add(FromJson(property.Value, _baseOffset));
                    break;
                case JsonValueKind.Array:
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object)
                        {
                            children.Add(FromJson(item, _baseOffset));
                        }
                        else if (item.ValueKind == JsonValueKind.Array)
                        {
                            // Lists of lists (e.g. VALUES rows) come as {"List": {"items": [...]}}, but be lenient.
                            foreach (var inner in item.EnumerateArray())
                            {
                                if (inner.ValueKind == JsonValueKind.Object)
                                {
                                    children.Add(FromJson(inner, _baseOffset));
                                }
                            }
                        }
                    }

                    break;
            }
        }
    }

    public override string ToString() => IsMissing ? "(missing)" : $"{Kind} {_fields}";
}

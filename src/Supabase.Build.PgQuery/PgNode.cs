using System.Text;
using System.Text.Json;

namespace Supabase.Build.PgQuery;

/// <summary>
/// One node of libpg_query's parse tree, e.g. <c>{"IndexStmt": {...}}</c> in its JSON. <see cref="Kind"/> is the node
/// type (empty for the inline structs the JSON writes without a wrapper, such as a RangeVar in CreateStmt.relation).
/// Locations are byte offsets in the text that was parsed, shifted by the offset of the fragment when a
/// fragment of a larger file was parsed on its own. A view of one object of a <see cref="PgTree"/>: copying it is free.
/// </summary>
public readonly struct PgNode
{
    private readonly PgTree? _tree;
    private readonly int _object; // -1: a value that is not an object (no fields)
    private readonly int _baseOffset;
    private readonly string? _kind;

    private PgNode(string kind, PgTree tree, int objectIndex, int baseOffset)
    {
        _kind = kind;
        _tree = tree;
        _object = objectIndex;
        _baseOffset = baseOffset;
    }

    public string Kind => _kind ?? string.Empty;

    /// <summary>True for the default value: the field asked for was absent.</summary>
    public bool IsMissing => _kind is null;

    /// <summary>Byte offset of the node in the parsed text, when the parser recorded one.</summary>
    public int? Location => Field("location") is { Type: PgValueType.Number, A: >= 0 } location ? location.A + _baseOffset : null;

    /// <summary>The node's fields as JSON, for what the helpers below do not cover (made on each call: not for hot paths).</summary>
    public JsonElement Fields
    {
        get
        {
            var text = new StringBuilder();
            if (_tree is not null && _object >= 0)
            {
                _tree.WriteJson(new PgValue(_object, 0, PgValueType.Object), text);
            }
            else
            {
                text.Append("null");
            }

            using var document = JsonDocument.Parse(text.ToString(), new JsonDocumentOptions { MaxDepth = 10_000 });
            return document.RootElement.Clone();
        }
    }

    /// <summary>The node a value is: a one-field object named by its type (<c>{"RangeVar": {...}}</c>), or an inline struct.</summary>
    internal static PgNode Of(PgTree tree, PgValue value, int baseOffset) => value.Type == PgValueType.Object
        ? new PgNode(tree.KindOf(value) ?? string.Empty, tree, value.A, baseOffset)
        : new PgNode(string.Empty, tree, -1, baseOffset);

    public bool Is(string kind) => string.Equals(Kind, kind, StringComparison.Ordinal);

    public bool Has(string field) => Field(field).Type != PgValueType.None;

    /// <summary>The node in a field; <see cref="IsMissing"/> when the field is absent.</summary>
    public PgNode Child(string field) => Field(field) is { Type: PgValueType.Object } value ? Of(_tree!, value, _baseOffset) : default;

    /// <summary>The nodes of a list field (empty when absent). A view, not a copy: <c>foreach</c> over it allocates nothing.</summary>
    public PgNodeList List(string field) => Field(field) is { Type: PgValueType.Array } value ? new PgNodeList(_tree, value, _baseOffset) : default;

    /// <summary>A string field (enums are strings too, e.g. <c>"removeType": "OBJECT_TABLE"</c>).</summary>
    public string? GetString(string field) => Field(field) is { Type: PgValueType.String } value ? _tree!.StringOf(value) : null;

    /// <summary>A boolean field; the JSON leaves false out.</summary>
    public bool GetBool(string field) => Field(field).Type == PgValueType.True;

    /// <summary>An integer field; the JSON leaves 0 out.</summary>
    public int GetInt(string field) => Field(field) is { Type: PgValueType.Number } value ? value.A : 0;

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
        var children = new List<PgNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            children.Clear();
            node.CollectChildren(children);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    private void CollectChildren(List<PgNode> children)
    {
        if (_tree is null || _object < 0)
        {
            return;
        }

        foreach (var field in _tree.FieldValuesOf(_object))
        {
            if (field.Type == PgValueType.Object)
            {
                children.Add(Of(_tree, field, _baseOffset));
            }
            else if (field.Type == PgValueType.Array)
            {
                foreach (var item in _tree.ItemsOf(field))
                {
                    if (item.Type == PgValueType.Object)
                    {
                        children.Add(Of(_tree, item, _baseOffset));
                    }
                    else if (item.Type == PgValueType.Array)
                    {
                        // Lists of lists (e.g. VALUES rows) come as {"List": {"items": [...]}}, but be lenient.
                        foreach (var inner in _tree.ItemsOf(item))
                        {
                            if (inner.Type == PgValueType.Object)
                            {
                                children.Add(Of(_tree, inner, _baseOffset));
                            }
                        }
                    }
                }
            }
        }
    }

    private PgValue Field(string name) => _tree is not null && _object >= 0 ? _tree.Field(_object, name) : default;

    public override string ToString()
    {
        if (IsMissing)
        {
            return "(missing)";
        }

        var text = new StringBuilder(Kind).Append(' ');
        if (_object >= 0)
        {
            _tree!.WriteJson(new PgValue(_object, 0, PgValueType.Object), text);
        }

        return text.ToString();
    }
}

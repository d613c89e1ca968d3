using System.Runtime.CompilerServices;

namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// A reference to a type: its canonical name (built-in types in <c>pg_catalog</c> under their internal names, e.g.
/// <c>int4</c>, <c>varchar</c>, <c>timestamptz</c>), the array dimensions, and the type modifier as written
/// (<c>255</c> for varchar(255), <c>10,2</c> for numeric(10,2)), or null. <see cref="IsResolved"/> is false for a
/// name the history never defined and that is not built in (an extension's type, for instance): then
/// <see cref="Name"/>'s schema is what the SQL said, or empty.
/// </summary>
public sealed record TypeRef(ObjectName Name, int ArrayDimensions = 0, string? Modifier = null, bool IsResolved = true)
{
    public bool IsArray => ArrayDimensions > 0;

    public bool IsBuiltIn => Name.Schema == BuiltInTypes.Catalog;

    /// <summary>The element type of an array (this type for a scalar).</summary>
    public TypeRef Element => ArrayDimensions == 0 ? this : this with { ArrayDimensions = 0 };

    public static TypeRef BuiltIn(string name, int arrayDimensions = 0) => new(new ObjectName(BuiltInTypes.Catalog, name), arrayDimensions);

    /// <summary>The same type for comparisons that ignore the modifier and how array dimensions were declared.</summary>
    public TypeRef Normalized => this with { Modifier = null, ArrayDimensions = Math.Min(ArrayDimensions, 1) };

    public override string ToString()
    {
        var modifier = Modifier is null ? string.Empty : "(" + Modifier + ")";
        return NameText + modifier + string.Concat(Enumerable.Repeat("[]", ArrayDimensions));
    }

    /// <summary>Appends <see cref="Normalized"/>'s text (the name, and <c>[]</c> for an array), without making it: signatures are made of these.</summary>
    internal void AppendNormalized(ref DefaultInterpolatedStringHandler text)
    {
        if (IsBuiltIn)
        {
            text.AppendLiteral(Name.Name);
        }
        else if (string.IsNullOrEmpty(Name.Schema))
        {
            text.AppendLiteral(SqlIdentifier.Quote(Name.Name));
        }
        else
        {
            FunctionModel.AppendName(ref text, Name);
        }

        if (ArrayDimensions > 0)
        {
            text.AppendLiteral("[]");
        }
    }

    private string NameText => IsBuiltIn ? Name.Name : string.IsNullOrEmpty(Name.Schema) ? SqlIdentifier.Quote(Name.Name) : Name.ToString();
}

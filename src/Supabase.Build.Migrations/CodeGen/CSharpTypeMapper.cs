using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.CodeGen;

/// <summary>A C# type for a column: its name (fully qualified), whether it is a value type, and a note when it is a stand-in.</summary>
public sealed record CSharpType(string Name, bool IsValueType, string? Note = null)
{
    /// <summary>The type as a property of a nullable column (<c>int?</c>, <c>string?</c>).</summary>
    public string Nullable => Name + "?";
}

/// <summary>
/// PostgreSQL types to C# types, following Npgsql's default mapping: uuid Guid, timestamptz DateTime, date DateOnly,
/// time TimeOnly, numeric decimal, bytea byte[], inet IPAddress, interval TimeSpan, arrays T[], domains their base
/// type, enums and composite types the generated enum and record. A type it does not know maps to string, with a note.
/// </summary>
public sealed class CSharpTypeMapper
{
    private readonly SchemaModel _model;
    private readonly ModelGeneratorOptions _options;
    private readonly IReadOnlyDictionary<ObjectName, string> _generatedTypes;

    /// <param name="generatedTypes">The C# names of the enums, composites and row records being generated.</param>
    public CSharpTypeMapper(SchemaModel model, ModelGeneratorOptions options, IReadOnlyDictionary<ObjectName, string> generatedTypes)
    {
        _model = model;
        _options = options;
        _generatedTypes = generatedTypes;
    }

    public CSharpType Map(TypeRef type)
    {
        var element = MapScalar(type.Element, depth: 0);
        if (!type.IsArray)
        {
            return element;
        }

        var rank = type.ArrayDimensions <= 1 ? "[]" : "[" + new string(',', type.ArrayDimensions - 1) + "]";
        return new CSharpType(element.Name + rank, false, element.Note);
    }

    private CSharpType MapScalar(TypeRef type, int depth)
    {
        if (!type.IsResolved)
        {
            return type.Name is { Schema: "", Name: "unknown" }
                ? new CSharpType("string", false, "its type could not be derived from the migrations (SB0005); mapped to string")
                : Unknown(type, "its type is not known to the migrations");
        }

        if (_generatedTypes.TryGetValue(type.Name, out var generated))
        {
            // Qualified: a property of the same record may have the type's simple name (column "status" next to a column of enum type "status").
            return new CSharpType("global::" + _options.Namespace + "." + generated.TrimStart('@'), _model.Enums.ContainsKey(type.Name));
        }

        if (_model.Domains.TryGetValue(type.Name, out var domain) && depth < 8)
        {
            return MapScalar(domain.BaseType.Element, depth + 1) is var baseType && domain.BaseType.IsArray
                ? new CSharpType(baseType.Name + "[]", false, baseType.Note)
                : baseType;
        }

        if (_model.Enums.ContainsKey(type.Name))
        {
            return new CSharpType("string", false, $"enum {type} is not in a generated schema; read as its label");
        }

        if (!type.IsBuiltIn)
        {
            return type.Name.Name switch
            {
                "citext" => new CSharpType("string", false),
                "hstore" => new CSharpType("global::System.Collections.Generic.Dictionary<string, string?>", false),
                "ltree" or "lquery" or "ltxtquery" => new CSharpType("string", false),
                _ => Unknown(type, "no default Npgsql mapping"),
            };
        }

        var npgsql = _options.NpgsqlAttributes;
        return type.Name.Name switch
        {
            "bool" => Value("bool"),
            "int2" => Value("short"),
            "int4" => Value("int"),
            "int8" => Value("long"),
            "float4" => Value("float"),
            "float8" => Value("double"),
            "numeric" or "money" => Value("decimal"),
            "text" or "varchar" or "bpchar" or "name" or "xml" or "jsonpath" or "refcursor" => Reference("string"),
            "char" => Value("char"),
            "uuid" => Value("global::System.Guid"),
            "bytea" => Reference("byte[]"),
            "date" => Value("global::System.DateOnly"),
            "time" => Value("global::System.TimeOnly"),
            "timetz" => Value("global::System.DateTimeOffset"),
            "timestamp" or "timestamptz" => Value("global::System.DateTime"),
            "interval" => Value("global::System.TimeSpan"),
            "json" or "jsonb" => _options.Json == JsonMapping.JsonDocument ? Reference("global::System.Text.Json.JsonDocument") : Reference("string"),
            "inet" => Reference("global::System.Net.IPAddress"),
            "cidr" => npgsql ? Value("global::NpgsqlTypes.NpgsqlCidr") : Unknown(type, "Npgsql's NpgsqlCidr needs Npgsql"),
            "macaddr" or "macaddr8" => Reference("global::System.Net.NetworkInformation.PhysicalAddress"),
            "oid" or "xid" or "cid" or "regclass" or "regtype" or "regproc" or "regprocedure" or "regrole" or "regnamespace" or "regoper" or "regoperator" or "regconfig" or "regdictionary" => Value("uint"),
            "xid8" => Value("ulong"),
            "bit" when type.Modifier is null or "1" => Value("bool"),
            "bit" or "varbit" => Reference("global::System.Collections.BitArray"),
            "tsvector" => npgsql ? Reference("global::NpgsqlTypes.NpgsqlTsVector") : Unknown(type, "Npgsql's NpgsqlTsVector needs Npgsql"),
            "tsquery" => npgsql ? Reference("global::NpgsqlTypes.NpgsqlTsQuery") : Unknown(type, "Npgsql's NpgsqlTsQuery needs Npgsql"),
            "point" => npgsql ? Value("global::NpgsqlTypes.NpgsqlPoint") : Unknown(type, "Npgsql's NpgsqlPoint needs Npgsql"),
            "int4range" => Range("int", type),
            "int8range" => Range("long", type),
            "numrange" => Range("decimal", type),
            "tsrange" or "tstzrange" or "daterange" => Range("global::System.DateTime", type),
            _ => Unknown(type, "no default Npgsql mapping"),
        };
    }

    private CSharpType Range(string element, TypeRef type) =>
        _options.NpgsqlAttributes ? Value($"global::NpgsqlTypes.NpgsqlRange<{element}>") : Unknown(type, "Npgsql's NpgsqlRange needs Npgsql");

    private static CSharpType Value(string name) => new(name, true);

    private static CSharpType Reference(string name) => new(name, false);

    private static CSharpType Unknown(TypeRef type, string why) => new("string", false, $"{type}: {why}; mapped to string");
}

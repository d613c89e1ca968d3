namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// PostgreSQL's built-in types by internal name, the SQL spellings the parser leaves unqualified (serial, int, ...),
/// and the types well-known extensions add, so an unqualified name resolves the way the server would resolve it.
/// </summary>
public static class BuiltInTypes
{
    public const string Catalog = "pg_catalog";

    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "bool", "bytea", "char", "name", "int8", "int2", "int4", "regproc", "text", "oid", "xid", "cid", "json", "xml",
        "point", "lseg", "path", "box", "polygon", "line", "float4", "float8", "circle", "money", "macaddr", "macaddr8",
        "inet", "cidr", "bpchar", "varchar", "date", "time", "timestamp", "timestamptz", "interval", "timetz", "bit",
        "varbit", "numeric", "refcursor", "regprocedure", "regoper", "regoperator", "regclass", "regtype", "regrole",
        "regnamespace", "regconfig", "regdictionary", "uuid", "pg_lsn", "tsvector", "tsquery", "gtsvector", "jsonb",
        "jsonpath", "txid_snapshot", "pg_snapshot", "int4range", "numrange", "tsrange", "tstzrange", "daterange",
        "int8range", "int4multirange", "nummultirange", "tsmultirange", "tstzmultirange", "datemultirange",
        "int8multirange", "record", "void", "trigger", "event_trigger", "anyelement", "anyarray", "anynonarray",
        "anyenum", "anyrange", "cstring", "internal", "unknown", "xid8",
    };

    /// <summary>SQL spellings (as the parser hands them over unqualified or qualified) and their internal names.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["int"] = "int4", ["integer"] = "int4", ["smallint"] = "int2", ["bigint"] = "int8",
        ["serial"] = "int4", ["serial4"] = "int4", ["bigserial"] = "int8", ["serial8"] = "int8",
        ["smallserial"] = "int2", ["serial2"] = "int2", ["boolean"] = "bool", ["real"] = "float4",
        ["float"] = "float8", ["double precision"] = "float8", ["decimal"] = "numeric", ["character"] = "bpchar",
        ["character varying"] = "varchar", ["timestamp with time zone"] = "timestamptz",
        ["timestamp without time zone"] = "timestamp", ["time with time zone"] = "timetz",
        ["time without time zone"] = "time", ["bit varying"] = "varbit",
    };

    /// <summary>Types that extensions create (extension name by type name), for unqualified references.</summary>
    private static readonly Dictionary<string, string> ExtensionTypes = new(StringComparer.Ordinal)
    {
        ["citext"] = "citext", ["vector"] = "vector", ["halfvec"] = "vector", ["sparsevec"] = "vector",
        ["hstore"] = "hstore", ["ltree"] = "ltree", ["lquery"] = "ltree", ["ltxtquery"] = "ltree",
        ["geometry"] = "postgis", ["geography"] = "postgis", ["box2d"] = "postgis", ["box3d"] = "postgis",
        ["cube"] = "cube", ["earth"] = "earthdistance", ["isbn"] = "isn", ["ean13"] = "isn", ["seg"] = "seg",
    };

    public static bool IsBuiltIn(string name) => Names.Contains(name);

    /// <summary>The internal name of a built-in spelling (<c>integer</c> to <c>int4</c>), or null when it is not one.</summary>
    public static string? Canonical(string name) =>
        Aliases.TryGetValue(name, out var canonical) ? canonical : Names.Contains(name) ? name : null;

    /// <summary>True for serial, bigserial and smallserial (and serial2/4/8): an integer with a sequence default, NOT NULL.</summary>
    public static bool IsSerial(string name) => name is "serial" or "serial4" or "bigserial" or "serial8" or "smallserial" or "serial2";

    /// <summary>The extension that creates a type of this name, or null.</summary>
    public static string? ExtensionOf(string typeName) => ExtensionTypes.TryGetValue(typeName, out var extension) ? extension : null;
}

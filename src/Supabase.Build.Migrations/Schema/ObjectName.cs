namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// A schema-qualified object name as PostgreSQL stores it (unquoted names already folded to lower case by the
/// parser). Compares and sorts ordinally, so every listing of a model is in the same order on every machine.
/// </summary>
public readonly record struct ObjectName(string Schema, string Name) : IComparable<ObjectName>
{
    public int CompareTo(ObjectName other)
    {
        var bySchema = string.CompareOrdinal(Schema, other.Schema);
        return bySchema != 0 ? bySchema : string.CompareOrdinal(Name, other.Name);
    }

    public static bool operator <(ObjectName left, ObjectName right) => left.CompareTo(right) < 0;

    public static bool operator <=(ObjectName left, ObjectName right) => left.CompareTo(right) <= 0;

    public static bool operator >(ObjectName left, ObjectName right) => left.CompareTo(right) > 0;

    public static bool operator >=(ObjectName left, ObjectName right) => left.CompareTo(right) >= 0;

    /// <summary><c>schema.name</c>, each part quoted only when SQL needs it.</summary>
    public override string ToString() => SqlIdentifier.Quote(Schema) + "." + SqlIdentifier.Quote(Name);
}

/// <summary>Quoting of identifiers for messages and generated SQL text.</summary>
public static class SqlIdentifier
{
    public static string Quote(string identifier)
    {
        return IsPlain(identifier) ? identifier : "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static bool IsPlain(string identifier)
    {
        if (identifier.Length == 0 || !(char.IsAsciiLetterLower(identifier[0]) || identifier[0] == '_'))
        {
            return false;
        }

        foreach (var c in identifier)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_' || c == '$'))
            {
                return false;
            }
        }

        return true;
    }
}

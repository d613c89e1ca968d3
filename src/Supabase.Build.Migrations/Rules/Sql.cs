using System.Globalization;
using System.Text;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>Small readers of parse trees and statement tokens that several rules share.</summary>
internal static class Sql
{
    /// <summary>Built-in functions PostgreSQL marks VOLATILE that migrations use in defaults (a new row gets a new value).</summary>
    private static readonly HashSet<string> VolatileFunctions = new(StringComparer.Ordinal)
    {
        "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp",
        "timeofday", "nextval", "txid_current", "gen_random_bytes", "gen_salt", "setseed", "random_normal", "uuidv4", "uuidv7",
        "uuid_generate_v7", "pg_current_xact_id", "statement_timestamp",
    };

    /// <summary>Built-ins migrations use in defaults that are not VOLATILE (so no lookup of the history is needed for them).</summary>
    private static readonly HashSet<string> StableBuiltIns = new(StringComparer.Ordinal)
    {
        "now", "transaction_timestamp", "current_setting", "timezone", "lower", "upper", "coalesce", "concat", "to_char",
        "date_trunc", "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array", "to_jsonb", "to_json",
        "array_fill", "make_interval", "encode", "decode", "md5", "length", "replace", "trim", "substring", "left", "right",
        "greatest", "least", "nullif", "to_timestamp", "to_date", "extract", "date_part", "array_to_string", "string_to_array",
    };

    /// <summary><c>schema.name</c> or <c>name</c> of a RangeVar.</summary>
    public static string RelationName(PgNode rangeVar) =>
        rangeVar.GetString("schemaname") is { } schema ? $"{schema}.{rangeVar.GetString("relname")}" : rangeVar.GetString("relname") ?? "...";

    /// <summary>The dotted name of a list of String nodes (<c>[schema, name]</c>).</summary>
    public static string Dotted(IEnumerable<PgNode> parts) => string.Join(".", parts.Select(part => part.StringValue ?? "?"));

    /// <summary>The type's own name (the last part: <c>int4</c>, <c>varchar</c>, <c>my_enum</c>).</summary>
    public static string TypeName(PgNode typeName) => typeName.List("names").LastOrDefault().StringValue ?? string.Empty;

    /// <summary>True for a name the parser put in pg_catalog (a built-in spelled with SQL syntax, like <c>int</c> or <c>timestamp</c>) or wrote unqualified.</summary>
    public static bool IsBuiltIn(PgNode typeName)
    {
        var names = typeName.List("names");
        return names.Count == 1 || (names.Count == 2 && names[0].StringValue == "pg_catalog");
    }

    /// <summary>The integer type modifiers (<c>varchar(20)</c>: 20; <c>numeric(10,2)</c>: 10, 2); empty when none or not constants.</summary>
    public static IReadOnlyList<int> TypeModifiers(PgNode typeName) =>
        typeName.List("typmods").Select(m => m.Is("A_Const") && m.Child("ival") is { IsMissing: false } i ? i.GetInt("ival") : -1).ToList();

    public static bool IsArray(PgNode typeName) => typeName.List("arrayBounds").Any();

    /// <summary>How a type is written in a message: <c>varchar(20)</c>, <c>timestamp</c>, <c>public.mood[]</c>.</summary>
    public static string Describe(PgNode typeName)
    {
        var name = IsBuiltIn(typeName) ? TypeName(typeName) : Dotted(typeName.List("names"));
        var mods = TypeModifiers(typeName);
        return name + (mods.Count > 0 ? "(" + string.Join(",", mods) + ")" : string.Empty) + (IsArray(typeName) ? "[]" : string.Empty);
    }

    /// <summary>The constraints of a column definition of one kind (CONSTR_PRIMARY, CONSTR_DEFAULT, ...).</summary>
    public static IEnumerable<PgNode> ColumnConstraints(PgNode columnDef, string contype) =>
        columnDef.List("constraints").Where(c => c.GetString("contype") == contype);

    public static bool HasConstraint(PgNode columnDef, string contype)
    {
        foreach (var constraint in columnDef.List("constraints"))
        {
            if (constraint.GetString("contype") == contype)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for serial, bigserial, smallserial (and serial2/4/8).</summary>
    public static bool IsSerial(PgNode typeName) =>
        typeName.List("names").Count == 1 && TypeName(typeName) is "serial" or "serial4" or "bigserial" or "serial8" or "smallserial" or "serial2";

    /// <summary>
    /// The first function in an expression that PostgreSQL evaluates per row because it is VOLATILE (built-ins by
    /// name; other functions by what <paramref name="isVolatile"/> knows), or null.
    /// </summary>
    public static string? VolatileCall(PgNode expression, Func<IReadOnlyList<string>, bool?>? isVolatile = null)
    {
        foreach (var node in expression.DescendantsAndSelf())
        {
            if (!node.Is("FuncCall"))
            {
                continue;
            }

            var name = node.List("funcname").Select(n => n.StringValue ?? string.Empty).ToList();
            var last = name.Count > 0 ? name[^1] : string.Empty;
            var builtIn = name.Count == 1 || name[0] is "pg_catalog" or "extensions";
            if (name.Count == 2 && name[0] == "auth" && last is "uid" or "role" or "jwt" or "email")
            {
                continue; // Supabase's auth helpers are STABLE: no lookup of the history needed
            }

            if ((builtIn && VolatileFunctions.Contains(last))
                || (!(builtIn && StableBuiltIns.Contains(last)) && !VolatileFunctions.Contains(last) && isVolatile?.Invoke(name) == true))
            {
                return string.Join(".", name) + "()";
            }
        }

        return null;
    }

    /// <summary>True when <see cref="VolatileCall"/> would ask the history about a function (one it does not know by name).</summary>
    public static bool CallsUnknownFunction(PgNode expression)
    {
        var asked = false;
        VolatileCall(expression, _ =>
        {
            asked = true;
            return false;
        });
        return asked;
    }

    /// <summary>The tokens of the statement (comments included), in order.</summary>
    public static IEnumerable<PgToken> Tokens(StatementContext context, int? from = null)
    {
        var tokens = context.Migration.Tokens;
        var (first, end) = TokenRange(context, from);
        for (var i = first; i < end; i++)
        {
            yield return tokens[i];
        }
    }

    /// <summary>
    /// The indexes (first, and one past the last) in <c>Migration.Tokens</c> of the statement's tokens from
    /// <paramref name="from"/> on: what <see cref="Tokens"/> yields, for a loop that needs no enumerator.
    /// </summary>
    public static (int First, int End) TokenRange(StatementContext context, int? from = null)
    {
        var tokens = context.Migration.TokenSpan;
        var start = from ?? context.Statement.Location;
        var end = context.Statement.Location + context.Statement.Length;
        int low = 0, high = tokens.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (tokens[middle].Start < start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var last = low;
        while (last < tokens.Length && tokens[last].Start < end)
        {
            last++;
        }

        return (low, last);
    }

    public static string Text(StatementContext context, PgToken token) => context.Source.Slice(token.Start, token.End - token.Start);

    /// <summary>
    /// The end (byte offset) of the first run of words (keywords or identifiers, compared without case) in the
    /// statement, comments skipped; null when the statement has no such run.
    /// </summary>
    public static int? EndOfWords(StatementContext context, params string[] words) => FindWords(context, null, words)?.End;

    /// <summary>The start and end (byte offsets) of the first run of <paramref name="words"/> at or after <paramref name="from"/>.</summary>
    public static (int Start, int End)? FindWords(StatementContext context, int? from, params string[] words)
    {
        var tokens = context.Migration.TokenSpan;
        var (first, end) = TokenRange(context, from);
        for (var i = first; i < end; i++)
        {
            if (tokens[i].IsComment)
            {
                continue;
            }

            // Match the words against the tokens from i on, comments skipped.
            var matched = 0;
            var lastEnd = 0;
            for (var at = i; at < end && matched < words.Length; at++)
            {
                if (tokens[at].IsComment)
                {
                    continue;
                }

                if (!IsWord(context, tokens[at], words[matched]))
                {
                    break;
                }

                lastEnd = tokens[at].End;
                matched++;
            }

            if (matched == words.Length)
            {
                return (tokens[i].Start, lastEnd);
            }
        }

        return null;
    }

    /// <summary>True when the token's text is <paramref name="word"/> (an ASCII word), compared without case.</summary>
    private static bool IsWord(StatementContext context, PgToken token, string word)
    {
        var length = token.End - token.Start;
        if (length < word.Length)
        {
            return false; // a UTF-8 text has at least as many bytes as characters
        }

        var bytes = context.Source.Utf8.AsSpan(token.Start, length);
        return length == word.Length && System.Text.Ascii.IsValid(bytes)
            ? System.Text.Ascii.EqualsIgnoreCase(bytes, word)
            : string.Equals(Text(context, token), word, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An edit that inserts <paramref name="text"/> at a byte offset of the file.</summary>
    public static TextEdit Insert(StatementContext context, int offset, string text) => new(context.Source.SpanOf(offset, 0), text);

    /// <summary>An edit that replaces a byte range of the file.</summary>
    public static TextEdit Replace(StatementContext context, int start, int end, string text) => new(context.Source.SpanOf(start, end - start), text);

    /// <summary>A fix that inserts <paramref name="text"/> after the first run of <paramref name="words"/>, or null when it is not found.</summary>
    public static DiagnosticFix? InsertAfter(StatementContext context, string description, string text, params string[] words) =>
        EndOfWords(context, words) is { } end ? new DiagnosticFix(description, Insert(context, end, text)) : null;

    /// <summary>The end of the statement's text, just before its semicolon.</summary>
    public static int End(StatementContext context) => context.Statement.Location + context.Statement.Length;

    /// <summary>
    /// The offset just past the statement's semicolon and the rest of its line when that rest is blank, for fixes that
    /// remove a statement or add one after it.
    /// </summary>
    public static int AfterStatementLine(StatementContext context)
    {
        var bytes = context.Source.Utf8;
        var at = End(context);
        while (at < bytes.Length && bytes[at] is (byte)' ' or (byte)'\t')
        {
            at++;
        }

        if (at < bytes.Length && bytes[at] == (byte)';')
        {
            at++;
        }

        var lineEnd = at;
        while (lineEnd < bytes.Length && bytes[lineEnd] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            lineEnd++;
        }

        return lineEnd < bytes.Length && bytes[lineEnd] == (byte)'\n' ? lineEnd + 1 : at;
    }

    /// <summary>An identifier as SQL needs it written (quoted when it is not plain lower case).</summary>
    public static string Quote(string identifier) => Schema.SqlIdentifier.Quote(identifier);

    /// <summary>A string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The statement's source text.</summary>
    public static string StatementText(StatementContext context) => context.Source.Slice(context.Statement.Location, context.Statement.Length);

    /// <summary>The source text of a byte range.</summary>
    public static string Slice(StatementContext context, int start, int end) => context.Source.Slice(start, end - start);

    /// <summary>The first byte of the first statement of the file (where a SET belongs).</summary>
    public static int FirstStatementStart(StatementContext context) => context.Migration.Statements[0].Location;

    /// <summary>The byte length of an identifier as PostgreSQL stores it.</summary>
    public static int ByteLength(string identifier) => Encoding.UTF8.GetByteCount(identifier);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Reading the schema model for a statement's relation.</summary>
internal static class SchemaLookup
{
    private static readonly string[] DefaultSearchPath = { "public", "extensions" };

    /// <summary>The table a RangeVar names, as the model before the statement has it (unqualified: public, then extensions).</summary>
    public static Schema.TableModel? Table(Schema.SchemaModel? model, PgNode rangeVar)
    {
        if (model is null || rangeVar.GetString("relname") is not { } name)
        {
            return null;
        }

        if (rangeVar.GetString("schemaname") is { } schema)
        {
            return model.Table(new Schema.ObjectName(schema, name));
        }

        return model.ResolveRelation(name, DefaultSearchPath) is { } resolved ? model.Table(resolved) : null;
    }

    /// <summary>True when the model knows a validated CHECK (column IS NOT NULL) on the table.</summary>
    public static bool HasValidatedNotNullCheck(Schema.TableModel table, string column) =>
        table.Constraints.Any(c => c.Kind == Schema.ConstraintKind.Check && c.IsValidated && c.Expression is { } check && IsNotNullTest(check.Node, column));

    private static bool IsNotNullTest(PgNode expression, string column) =>
        expression.Is("NullTest") && expression.GetString("nulltesttype") == "IS_NOT_NULL"
        && expression.Child("arg").Is("ColumnRef") && expression.Child("arg").List("fields").LastOrDefault().StringValue == column;
}

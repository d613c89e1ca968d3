using System.Text;
using Npgsql;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Push;

/// <summary>
/// PostgreSQL's errors in the terms of the migration file: where (the server's position mapped into the file) and
/// what (message, SQLSTATE, DETAIL, HINT, CONTEXT on one line).
/// </summary>
internal static class ServerErrors
{
    private const int MaxContextLength = 300;

    /// <summary>
    /// Where in the file the error is. PostgreSQL reports <see cref="PostgresException.Position"/> as a 1-based count of
    /// characters (code points) in the statement text it received, which is <paramref name="sent"/>, the statement's
    /// exact text in the file. Errors in a query the statement ran internally (a DO block's SQL, a function called)
    /// carry <see cref="PostgresException.InternalPosition"/> in <see cref="PostgresException.InternalQuery"/>; when that
    /// query appears once in the statement, its position is mapped too. Otherwise: the statement's first token.
    /// </summary>
    public static SourcePosition Locate(ParsedMigration migration, MigrationStatement statement, string sent, PostgresException error)
    {
        var source = migration.Source!;
        if (error.Position > 0)
        {
            return source.PositionOf(statement.Location + Utf8Length(sent, CharIndexOf(sent, 0, error.Position - 1)));
        }

        if (error.InternalPosition > 0 && !string.IsNullOrEmpty(error.InternalQuery))
        {
            var at = sent.IndexOf(error.InternalQuery, StringComparison.Ordinal);
            if (at >= 0 && sent.IndexOf(error.InternalQuery, at + 1, StringComparison.Ordinal) < 0)
            {
                return source.PositionOf(statement.Location + Utf8Length(sent, CharIndexOf(sent, at, error.InternalPosition - 1)));
            }
        }

        return statement.Span.Start;
    }

    /// <summary><c>message [SQLSTATE]</c>, then DETAIL, HINT and CONTEXT when the server sent them, all on one line.</summary>
    public static string Describe(PostgresException error)
    {
        var text = new StringBuilder(OneLine(error.MessageText)).Append(" [").Append(error.SqlState).Append(']');
        if (!string.IsNullOrWhiteSpace(error.Detail))
        {
            text.Append(" DETAIL: ").Append(OneLine(error.Detail));
        }

        if (!string.IsNullOrWhiteSpace(error.Hint))
        {
            text.Append(" HINT: ").Append(OneLine(error.Hint));
        }

        if (!string.IsNullOrWhiteSpace(error.Where))
        {
            var where = OneLine(error.Where);
            text.Append(" CONTEXT: ").Append(where.Length <= MaxContextLength ? where : string.Concat(where.AsSpan(0, MaxContextLength), "..."));
        }

        return text.ToString();
    }

    /// <summary>The UTF-16 index of the code point <paramref name="codePoints"/> code points after <paramref name="start"/>.</summary>
    internal static int CharIndexOf(string text, int start, int codePoints)
    {
        var index = start;
        for (var i = 0; i < codePoints && index < text.Length; i++)
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        }

        return Math.Min(index, text.Length);
    }

    private static int Utf8Length(string text, int charCount) => Encoding.UTF8.GetByteCount(text.AsSpan(0, charCount));

    internal static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

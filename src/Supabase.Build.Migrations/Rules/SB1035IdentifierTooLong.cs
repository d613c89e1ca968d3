using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// PostgreSQL keeps the first 63 bytes of an identifier and drops the rest with only a NOTICE: two long names that
/// share 63 bytes become the same name, and the name in the catalog is not the one in the migration (or in generated
/// code). An enum label longer than 63 bytes is an error. Counted in UTF-8 bytes, as PostgreSQL does.
/// </summary>
public sealed class SB1035IdentifierTooLong : IMigrationRule
{
    private const int MaxBytes = 63;

    public RuleDescriptor Descriptor { get; } = new(
        "SB1035", "identifier-too-long", DiagnosticSeverity.Warning,
        "Keep identifiers within 63 bytes", SquawkName: "identifier-too-long");

    public void Check(StatementContext context)
    {
        // PostgreSQL's scanner truncates identifiers as it reads them, so the parse tree never holds a long one:
        // the statement's identifier tokens (quoted or not) are what was written.
        HashSet<string>? seen = null;
        var tokens = context.Migration.TokenSpan;
        var (first, end) = Sql.TokenRange(context);
        for (var i = first; i < end; i++)
        {
            var token = tokens[i];
            if (token.Kind != PgTokenKind.Identifier || token.End - token.Start <= MaxBytes)
            {
                continue;
            }

            var name = Unquote(Sql.Text(context, token));
            if (Sql.ByteLength(name) > MaxBytes && (seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(name))
            {
                CheckName(context, name, token);
            }
        }

        var node = context.Statement.Node;
        var kind = node.Kind;
        if (kind is not ("CreateEnumStmt" or "AlterEnumStmt"))
        {
            return;
        }

        var labels = kind == "CreateEnumStmt" ? node.List("vals").Select(v => v.StringValue) : new[] { node.GetString("newVal") };
        foreach (var label in labels.OfType<string>().Where(l => Sql.ByteLength(l) > MaxBytes))
        {
            context.Report(
                context.Statement.Span,
                $"enum label '{label}' is {Sql.ByteLength(label)} bytes; PostgreSQL rejects labels over {MaxBytes} bytes, so this migration fails; shorten it",
                severity: DiagnosticSeverity.Error);
        }
    }

    /// <summary>An identifier as PostgreSQL stores it: quotes removed ("" is one "), otherwise folded to lower case.</summary>
    private static string Unquote(string token) =>
        token.Length >= 2 && token[0] == '"' && token[^1] == '"'
            ? token[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : token.ToLowerInvariant();

    private static void CheckName(StatementContext context, string name, PgToken at)
    {
        var kept = Truncate(name);
        context.Report(
            context.Source.SpanOf(at.Start, at.End - at.Start),
            $"identifier '{name}' is {Sql.ByteLength(name)} bytes; PostgreSQL silently keeps only the first {MaxBytes} ('{kept}'), so the catalog (and generated code) will not have the name this migration uses; shorten it to {MaxBytes} bytes or fewer");
    }

    /// <summary>The first 63 bytes, never cutting a UTF-8 character in half (as PostgreSQL's truncate_identifier).</summary>
    private static string Truncate(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        var length = MaxBytes;
        while (length > 0 && (bytes[length] & 0xC0) == 0x80)
        {
            length--;
        }

        return System.Text.Encoding.UTF8.GetString(bytes, 0, length);
    }
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Parsing;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// Stable identities of findings, for baselines and code-quality reports. A fingerprint is a hash of the rule id, the
/// migration's file name (not its folder) and the statement's tokens (comments and whitespace left out), so it does
/// not change when lines are added above the statement or the repository moves; a second identical finding in the
/// same file gets an ordinal. Findings about a whole file hash the message and the text of their line instead.
/// </summary>
public static class Fingerprints
{
    /// <summary>The fingerprint of a finding on <paramref name="statement"/> (before the ordinal is added).</summary>
    public static string OfStatement(string ruleId, ParsedMigration migration, MigrationStatement statement)
    {
        ArgumentNullException.ThrowIfNull(migration);
        ArgumentNullException.ThrowIfNull(statement);
        return OfStatement(ruleId, migration, StatementUtf8(migration, statement));
    }

    /// <summary>As above, with the statement's <see cref="StatementUtf8"/> made once for all findings on it.</summary>
    internal static string OfStatement(string ruleId, ParsedMigration migration, byte[] statementUtf8) =>
        Hash(ruleId, Path.GetFileName(migration.File.Path), statementUtf8);

    /// <summary>The statement's tokens without comments, one space apart, as UTF-8: what its fingerprints hash.</summary>
    internal static byte[] StatementUtf8(ParsedMigration migration, MigrationStatement statement) =>
        NormalizedUtf8(migration, statement.Location, statement.Location + statement.Length);

    /// <summary>The fingerprint of a finding that is not a rule's (a syntax error, a bad file name).</summary>
    public static string OfFileDiagnostic(MigrationDiagnostic diagnostic, ParsedMigration? migration)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var line = string.Empty;
        if (migration?.Source is { } source && diagnostic.Span.Start.Line <= source.LineCount)
        {
            line = source.LineText(diagnostic.Span.Start.Line).Trim();
        }

        return Hash(diagnostic.Id, Path.GetFileName(diagnostic.FilePath), diagnostic.Message + "\n" + line);
    }

    /// <summary>Gives every diagnostic a fingerprint, unique within the list: equal ones get #1, #2, ... in order.</summary>
    public static IReadOnlyList<MigrationDiagnostic> Complete(IReadOnlyList<MigrationDiagnostic> diagnostics, ParsedMigration? migration)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<MigrationDiagnostic>(diagnostics.Count);
        foreach (var diagnostic in diagnostics)
        {
            var fingerprint = diagnostic.Fingerprint ?? OfFileDiagnostic(diagnostic, migration);
            var count = seen.GetValueOrDefault(fingerprint);
            seen[fingerprint] = count + 1;
            if (count > 0)
            {
                fingerprint = Hash(fingerprint, "#", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            result.Add(fingerprint == diagnostic.Fingerprint ? diagnostic : diagnostic with { Fingerprint = fingerprint });
        }

        return result;
    }

    private static byte[] NormalizedUtf8(ParsedMigration migration, int start, int end)
    {
        // Token bytes, one space after each, straight from the UTF-8 (tokens start and end on character boundaries).
        var source = migration.Source!;
        var tokens = migration.TokenSpan;
        var index = PgQuery.PgToken.FirstAtOrAfter(tokens, start);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(16, end - start + 16));
        for (; index < tokens.Length && tokens[index].Start < end; index++)
        {
            var token = tokens[index];
            if (!token.IsComment)
            {
                buffer.Write(source.Utf8.AsSpan(token.Start, Math.Min(token.End, end) - token.Start));
                buffer.Write(" "u8);
            }
        }

        return buffer.WrittenCount > 0
            ? buffer.WrittenSpan.ToArray()
            : Encoding.UTF8.GetBytes(string.Join(' ', source.Slice(start, end - start).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }


    private static string Hash(params string[] parts) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", parts))));

    /// <summary>The same hash as <c>Hash(id, fileName, Encoding.UTF8.GetString(text))</c>, from the bytes as they are.</summary>
    private static string Hash(string id, string fileName, byte[] text)
    {
        // One buffer and a one-shot hash: a finding is fingerprinted as it is reported, thousands per lint.
        var prefix = id + "\n" + fileName + "\n";
        var length = Encoding.UTF8.GetByteCount(prefix) + text.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(prefix, buffer);
            text.CopyTo(buffer.AsSpan(written));
            return Hex(SHA256.HashData(buffer.AsSpan(0, length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A fingerprint: the first half of a SHA-256 in lower-case hex.</summary>
    private static string Hex(byte[] digest) => Convert.ToHexString(digest, 0, 16).ToLowerInvariant();
}

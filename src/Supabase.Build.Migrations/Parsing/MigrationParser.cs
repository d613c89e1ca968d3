using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Parsing;

/// <summary>
/// Reads and parses one migration file, once: UTF-8 decoding (BOM dropped, anything else SB0008), one scan for
/// tokens and comments, one parse. When the parser rejects the file, each statement is parsed on its own so only
/// the broken ones are lost (each one SB0001 at its exact line and column).
/// </summary>
public sealed class MigrationParser
{
    private readonly PgParser _parser;

    public MigrationParser(PgParser parser) => _parser = parser;

    public ParsedMigration Parse(MigrationFile file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unreadable(file, MigrationDiagnostic.ForFile(
                ToolDiagnostics.InvalidMigrationFile, file.Path, $"the file could not be read: {e.Message}", DiagnosticSeverity.Error));
        }

        return Parse(file, bytes);
    }

    /// <summary>
    /// Statements per parser call in a file with syntax errors (a file without any is one call). The parser returns
    /// nothing for a call that fails, so the statements before an error are parsed a second time: batches bound that
    /// to one batch (PostgreSQL's regression scripts have an error every few dozen statements).
    /// </summary>
    private const int FragmentsPerBatch = 32;

    public ParsedMigration Parse(MigrationFile file, byte[] bytes)
    {
        if (!SourceText.TryDecode(bytes, out var source, out var invalidAt))
        {
            return Unreadable(file, new MigrationDiagnostic(
                ToolDiagnostics.InvalidEncoding, ToolDiagnostics.InvalidEncoding.DefaultSeverity, file.Path, new SourceSpan(invalidAt, invalidAt),
                "the file is not valid UTF-8 here; save it as UTF-8 (PostgreSQL and the Supabase CLI read migrations as UTF-8)"));
        }

        var nul = Array.IndexOf(source!.Utf8, (byte)0);
        if (nul >= 0)
        {
            var at = source.PositionOf(nul);
            return Unreadable(file, new MigrationDiagnostic(
                ToolDiagnostics.InvalidEncoding, ToolDiagnostics.InvalidEncoding.DefaultSeverity, file.Path, new SourceSpan(at, at),
                "the file contains a NUL byte, which PostgreSQL cannot accept in SQL text; remove it"));
        }

        var diagnostics = new List<MigrationDiagnostic>();
        var scan = _parser.Scan(source.Utf8);
        var tokens = scan.Tokens;
        var parseEnd = source.Utf8.Length;
        if (scan.Error is not null)
        {
            // An unterminated quote, dollar quote or comment: report it, and keep what comes before it.
            diagnostics.Add(SyntaxError(file, source, scan.Error));
            parseEnd = scan.Error.CursorOffset ?? 0;
            tokens = _parser.Scan(source.Utf8.AsSpan(0, parseEnd)).Tokens;
        }

        var statements = new List<PgStatement>();
        var whole = scan.Error is null ? _parser.Parse(source.Utf8) : null;
        if (whole is { Succeeded: true })
        {
            statements.AddRange(whole.Statements);
        }
        else
        {
            var fragments = TokenStatementSplitter.Split(tokens, source.Utf8.AsSpan(0, parseEnd), parseEnd);
            if (scan.Error is not null && fragments.Count > 0 && fragments[^1].Location + fragments[^1].Length == parseEnd)
            {
                fragments = fragments.Take(fragments.Count - 1).ToList(); // the statement the unterminated token is in: already reported
            }

            ParseAroundErrors(file, source, fragments, statements, diagnostics, whole?.Error);
        }

        var migrationStatements = Locate(statements, tokens, source);
        if (migrationStatements.Count == 0 && diagnostics.Count == 0)
        {
            diagnostics.Add(MigrationDiagnostic.ForFile(
                ToolDiagnostics.EmptyMigration, file.Path, "the migration has no SQL statements; add its statements or delete the file"));
        }

        return new ParsedMigration(file, source, tokens, migrationStatements, diagnostics);
    }

    /// <summary>
    /// The parser stops at the first error and returns nothing, so: parse the unchecked fragments a batch at a time;
    /// on an error, the fragments before the one it is in are valid (parse them again, as one call), the one it is in
    /// is reported, and parsing resumes after it. A few parser calls per error instead of one per statement, and the
    /// statements parsed twice are at most one batch, not everything up to the next error.
    /// </summary>
    private void ParseAroundErrors(
        MigrationFile file, SourceText source, IReadOnlyList<(int Location, int Length)> fragments, List<PgStatement> statements, List<MigrationDiagnostic> diagnostics, PgQueryError? wholeFileError)
    {
        var utf8 = source.Utf8;
        var next = 0;
        while (next < fragments.Count)
        {
            var start = fragments[next].Location;
            var last = Math.Min(next + FragmentsPerBatch, fragments.Count) - 1;

            // The first batch would stop where the whole-file parse just did when that is before the batch's last
            // statement (only the text after it differs): take its error instead.
            var batch = next == 0 && wholeFileError?.CursorOffset is { } at && at >= start && at < fragments[last].Location
                ? new PgParseResult(Array.Empty<PgStatement>(), wholeFileError)
                : ParseFragments(utf8, fragments, next, last);
            if (last < fragments.Count - 1 && batch.Error?.CursorOffset is { } cut && FragmentAt(fragments, next, cut) >= last)
            {
                // Stopped in the batch's last statement, maybe only because the batch ends there (a statement the
                // token split cut in two): parse on to the end of the file, as a single call would.
                last = fragments.Count - 1;
                batch = ParseFragments(utf8, fragments, next, last);
            }

            if (batch.Error is null)
            {
                statements.AddRange(batch.Statements);
                next = last + 1;
                continue;
            }

            if (batch.Error.CursorOffset is not { } errorOffset)
            {
                ParseEach(file, source, fragments.Skip(next).Take(last + 1 - next), statements, diagnostics); // no position to split at
                next = last + 1;
                continue;
            }

            var failing = FragmentAt(fragments, next, errorOffset);
            if (failing > next)
            {
                var valid = ParseFragments(utf8, fragments, next, failing - 1);
                if (valid.Error is null)
                {
                    statements.AddRange(valid.Statements);
                }
                else
                {
                    ParseEach(file, source, fragments.Skip(next).Take(failing - next), statements, diagnostics); // rare: errors the split could not isolate
                }
            }

            diagnostics.Add(SyntaxError(file, source, batch.Error));
            next = failing + 1;
        }
    }

    /// <summary>Fragments <paramref name="first"/> to <paramref name="last"/> (inclusive) in one parser call.</summary>
    private PgParseResult ParseFragments(byte[] utf8, IReadOnlyList<(int Location, int Length)> fragments, int first, int last)
    {
        var start = fragments[first].Location;
        var end = fragments[last].Location + fragments[last].Length;
        return _parser.Parse(utf8.AsSpan(start, end - start), start);
    }

    private void ParseEach(MigrationFile file, SourceText source, IEnumerable<(int Location, int Length)> fragments, List<PgStatement> statements, List<MigrationDiagnostic> diagnostics)
    {
        foreach (var (location, length) in fragments)
        {
            var part = _parser.Parse(source.Utf8.AsSpan(location, length), location);
            if (part.Error is not null)
            {
                // Some grammar checks raise without a position (e.g. "FOREIGN KEY constraints cannot be marked NOT
                // VALID"): then the statement is the place, not the start of the file.
                diagnostics.Add(SyntaxError(file, source, part.Error, location));
            }
            else
            {
                statements.AddRange(part.Statements);
            }
        }
    }

    /// <summary>The fragment (from <paramref name="first"/> on) that holds a byte offset.</summary>
    private static int FragmentAt(IReadOnlyList<(int Location, int Length)> fragments, int first, int offset)
    {
        var index = first;
        while (index + 1 < fragments.Count && fragments[index + 1].Location <= offset)
        {
            index++;
        }

        return index;
    }

    private static ParsedMigration Unreadable(MigrationFile file, MigrationDiagnostic diagnostic) =>
        new(file, null, Array.Empty<PgToken>(), Array.Empty<MigrationStatement>(), new[] { diagnostic });

    private static MigrationDiagnostic SyntaxError(MigrationFile file, SourceText source, PgQueryError error, int offsetWithoutCursor = 0)
    {
        var at = source.PositionOf(error.CursorOffset ?? offsetWithoutCursor);
        return new MigrationDiagnostic(ToolDiagnostics.SyntaxError, ToolDiagnostics.SyntaxError.DefaultSeverity, file.Path, new SourceSpan(at, at), Shorten(error.Message));
    }

    /// <summary>PostgreSQL quotes the rest of the input after "at or near" for unterminated tokens: keep one short line of it.</summary>
    private static string Shorten(string message)
    {
        const int MaxQuoted = 40;
        var quoteStart = message.IndexOf("at or near \"", StringComparison.Ordinal);
        if (quoteStart < 0)
        {
            return message;
        }

        var textStart = quoteStart + "at or near \"".Length;
        var quoted = message.Substring(textStart).TrimEnd('"');
        var firstLine = quoted.Split('\n')[0].TrimEnd('\r');
        return firstLine.Length <= MaxQuoted && firstLine.Length == quoted.Length
            ? message
            : string.Concat(message.AsSpan(0, textStart), firstLine.AsSpan(0, Math.Min(firstLine.Length, MaxQuoted)), "...\"");
    }

    /// <summary>Trims each statement to its tokens and collects the comments before it.</summary>
    private static List<MigrationStatement> Locate(List<PgStatement> statements, IReadOnlyList<PgToken> tokens, SourceText source)
    {
        var result = new List<MigrationStatement>(statements.Count);
        var tokenIndex = 0;
        foreach (var statement in statements)
        {
            var end = statement.Location + statement.Length;
            List<PgToken>? comments = null; // most statements have none: no list for them
            while (tokenIndex < tokens.Count && tokens[tokenIndex].Start < end)
            {
                var token = tokens[tokenIndex];
                if (token.IsComment)
                {
                    (comments ??= new List<PgToken>()).Add(token);
                }
                else if (token.Start >= statement.Location)
                {
                    break;
                }
                else
                {
                    comments?.Clear(); // a token of an earlier (or rejected) statement: the comments before it were not ours
                }

                tokenIndex++;
            }

            var first = tokenIndex < tokens.Count && tokens[tokenIndex].Start < end ? tokens[tokenIndex].Start : statement.Location;
            var last = first;
            while (tokenIndex < tokens.Count && tokens[tokenIndex].Start < end)
            {
                if (!tokens[tokenIndex].IsComment)
                {
                    last = tokens[tokenIndex].End;
                }

                tokenIndex++;
            }

            var length = Math.Max(0, last - first);
            result.Add(new MigrationStatement(result.Count, statement.Node, first, length, source.SpanOf(first, length), comments ?? (IReadOnlyList<PgToken>)Array.Empty<PgToken>()));
        }

        return result;
    }
}

using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Parsing;

/// <summary>
/// A migration file parsed once: its text, tokens (comments included) and statements. Statements the parser
/// rejected are absent and reported in <see cref="Diagnostics"/> (SB0001), so the rest of the file is still checked.
/// <see cref="Source"/> is null only when the file could not be read as UTF-8 (SB0008).
/// </summary>
public sealed record ParsedMigration(
    MigrationFile File,
    SourceText? Source,
    IReadOnlyList<PgToken> Tokens,
    IReadOnlyList<MigrationStatement> Statements,
    IReadOnlyList<MigrationDiagnostic> Diagnostics)
{
    /// <summary>The tokens, kept as an array.</summary>
    public IReadOnlyList<PgToken> Tokens { get; } = Tokens as PgToken[] ?? Tokens.ToArray();

    /// <summary>The tokens for the rules' loops: indexing an array, not an interface, for every token of every statement.</summary>
    internal ReadOnlySpan<PgToken> TokenSpan => (PgToken[])Tokens;

    /// <summary>The source text of a statement.</summary>
    public string TextOf(MigrationStatement statement) => Source?.Slice(statement.Location, statement.Length) ?? string.Empty;
}

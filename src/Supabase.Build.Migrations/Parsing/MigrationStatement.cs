using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Parsing;

/// <summary>
/// One top-level statement of a migration: its parse tree and where it is. <see cref="Location"/> is the byte
/// offset of its first token (leading comments excluded), <see cref="Length"/> runs to its last token;
/// <see cref="LeadingComments"/> are the comments between the previous statement and this one.
/// </summary>
public sealed record MigrationStatement(
    int Index,
    PgNode Node,
    int Location,
    int Length,
    SourceSpan Span,
    IReadOnlyList<PgToken> LeadingComments);

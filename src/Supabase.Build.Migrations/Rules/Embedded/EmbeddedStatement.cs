using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Rules.Embedded;

/// <summary>
/// A statement a rule looks at: the migration's own statement, or one that runs inside it (in a DO block, or in
/// the body of a function or procedure it creates). <see cref="Span"/> is where it is in the file: exact for SQL
/// the file holds verbatim (a dollar-quoted SQL body), else the first non-blank character of its line.
/// <see cref="Container"/> names what holds it (<c>DO block</c>, <c>function 'public.f'</c>), null for the
/// migration's own statement. <see cref="Scope"/> is what is known to be new when it runs. A value: every statement
/// of a migration is one for the rules that look into bodies, so the common case allocates nothing.
/// </summary>
public readonly record struct EmbeddedStatement(PgNode Node, SourceSpan Span, string? Container, FileScope Scope)
{
    /// <summary>" inside the DO block" and the like, or empty for the migration's own statement: for messages.</summary>
    public string Where => Container is null ? string.Empty : " inside the " + Container;
}

using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Diagnostics;

/// <summary>
/// One replacement of a fix: the text in <see cref="Span"/> (1-based lines, columns in UTF-16 characters, end
/// exclusive; an empty span is an insertion) becomes <see cref="NewText"/>. <see cref="FilePath"/> is null for the
/// diagnostic's own file; otherwise the edit is to another file, which is created when it does not exist yet (a
/// VALIDATE CONSTRAINT that belongs in a migration of its own, for instance).
/// </summary>
public sealed record TextEdit(SourceSpan Span, string NewText, string? FilePath = null);

/// <summary>
/// A mechanical remedy carried by a diagnostic: what it does, in one line, and the replacements that do it.
/// Equal when the description and every edit are equal (so reports round-trip exactly).
/// </summary>
public sealed record DiagnosticFix(string Description, IReadOnlyList<TextEdit> Edits)
{
    public DiagnosticFix(string description, params TextEdit[] edits)
        : this(description, (IReadOnlyList<TextEdit>)edits)
    {
    }

    public bool Equals(DiagnosticFix? other) =>
        other is not null && Description == other.Description && Edits.SequenceEqual(other.Edits);

    public override int GetHashCode() => HashCode.Combine(Description, Edits.Count);
}

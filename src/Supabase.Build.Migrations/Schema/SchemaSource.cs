using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// Where a migration created or last changed an object: the file, its version and the statement's span. Objects that
/// no migration created (the Supabase platform's own, or read from a live database) have no source.
/// </summary>
public sealed record SchemaSource(string FilePath, string Version, SourceSpan Span)
{
    public string FileName => Path.GetFileName(FilePath);

    public override string ToString() => $"{FileName}({Span.Start.Line},{Span.Start.Column})";
}

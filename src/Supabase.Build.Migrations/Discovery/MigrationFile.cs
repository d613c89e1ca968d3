namespace Supabase.Build.Migrations.Discovery;

/// <summary>A migration file: <c>&lt;Version&gt;_&lt;Name&gt;.sql</c>, as the Supabase CLI names them.</summary>
public sealed record MigrationFile(string Path, string Version, string Name)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}

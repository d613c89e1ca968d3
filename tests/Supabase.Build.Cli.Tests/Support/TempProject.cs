namespace Supabase.Build.Cli.Tests.Support;

/// <summary>A temporary Supabase project folder (<c>supabase/migrations</c>) with real files; removed afterwards.</summary>
public sealed class TempProject : IDisposable
{
    public TempProject()
    {
        // Resolve symlinks (e.g. /tmp on macOS) so paths compare equal to what the tool prints.
        var temp = Path.GetFullPath(Path.GetTempPath());
        Root = Path.Combine(new DirectoryInfo(temp).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? temp, "sb-cli-" + Guid.NewGuid().ToString("N"));
        Migrations = Path.Combine(Root, "supabase", "migrations");
        Directory.CreateDirectory(Migrations);
    }

    public string Root { get; }

    public string Migrations { get; }

    /// <summary>Writes a migration (or any file) under supabase/migrations and returns its full path.</summary>
    public string Add(string fileName, string sql) => Write(Path.Combine(Migrations, fileName), sql);

    /// <summary>Writes a file at a path relative to the project root and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

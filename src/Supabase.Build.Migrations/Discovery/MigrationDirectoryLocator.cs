namespace Supabase.Build.Migrations.Discovery;

/// <summary>Finds the nearest <c>supabase/migrations</c> folder from a directory upward, as the Supabase CLI finds its project.</summary>
public static class MigrationDirectoryLocator
{
    public static string? FindFrom(string startDirectory)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(startDirectory)); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "supabase", "migrations");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

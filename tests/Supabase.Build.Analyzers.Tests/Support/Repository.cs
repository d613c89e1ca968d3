namespace Supabase.Build.Analyzers.Tests.Support;

/// <summary>
/// This repository's root (the folder holding Supabase.Build.sln), found from the test assembly upward. Kept here rather
/// than taken from Supabase.Build.Testing so these tests build with nothing but the analyzers.
/// </summary>
internal static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Supabase.Build.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Supabase.Build.sln at or above {AppContext.BaseDirectory}");
    });

    public static string Root => LazyRoot.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}

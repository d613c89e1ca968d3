namespace Supabase.Build.Benchmarks;

/// <summary>The real-world corpus beside the repository (../shared/corpus, or SUPABASE_CORPUS).</summary>
internal static class Corpus
{
    public static IReadOnlyList<string> Files(string name)
    {
        var root = Environment.GetEnvironmentVariable("SUPABASE_CORPUS");
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); root is null && directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "corpus");
            root = Directory.Exists(candidate) ? candidate : null;
        }

        var folder = root is null ? null : Path.Combine(root, name);
        return folder is not null && Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : throw new DirectoryNotFoundException($"corpus '{name}' not found: set SUPABASE_CORPUS or keep ../shared/corpus beside the repository");
    }
}

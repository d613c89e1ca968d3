namespace Supabase.Build.Testing;

/// <summary>Finds ../shared/corpus/&lt;name&gt; beside the repository (or under SUPABASE_CORPUS); null when absent.</summary>
public static class CorpusLocator
{
    public static string? Find(string name)
    {
        var configured = Environment.GetEnvironmentVariable("SUPABASE_CORPUS");
        if (!string.IsNullOrEmpty(configured))
        {
            var path = Path.Combine(configured, name);
            return Directory.Exists(path) ? path : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "corpus", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
